package dev.rlx.algorithms.sac;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.rlx.algorithms.deep.Inference;
import dev.rlx.algorithms.offpolicy.CriticLosses;
import dev.rlx.algorithms.offpolicy.Diagnostics;
import dev.rlx.algorithms.offpolicy.OffPolicySettings;
import dev.rlx.algorithms.offpolicy.OffPolicyTraining;
import dev.rlx.algorithms.offpolicy.TargetedNetworks;
import dev.rlx.api.TrialContext;
import java.util.SplittableRandom;

/**
 * What SAC's and discrete SAC's agents share (references.md §4.3): a policy network without a
 * target, twin soft critics with Polyak targets, the temperature, and the diagnostics — critic
 * losses and Q means, then {@code losses/actor_loss}, {@code losses/actor_grad_norm},
 * {@code losses/alpha_loss}, {@code charts/alpha}, {@code charts/entropy}.
 */
abstract class SoftAgent implements OffPolicyTraining.Agent {

  protected final NDManager manager;
  protected final ParameterStore store;
  protected final TargetedNetworks actor;
  protected final TargetedNetworks critics;
  protected final Temperature temperature;
  protected final SplittableRandom rng;
  protected final int observationSize;
  private final Diagnostics criticStats = CriticLosses.diagnostics(2);
  private final Diagnostics actorStats = new Diagnostics("losses/actor_loss", "losses/actor_grad_norm",
      "losses/alpha_loss", "charts/alpha", "charts/entropy");

  /**
   * A policy of {@code policyOutputs} per state and critics from {@code criticInputs} to
   * {@code criticOutputs} values (Q(s, a) from [s, a], or Q(s, ·) from s).
   */
  SoftAgent(OffPolicySettings settings, SoftActorCriticSettings soft, double targetEntropy, int observationSize,
      int policyOutputs, int criticInputs, int criticOutputs, NDManager manager, SplittableRandom rng) {
    this.manager = manager;
    this.store = new ParameterStore(manager, false);
    this.rng = rng;
    this.observationSize = observationSize;
    this.actor = new TargetedNetworks(1, observationSize, settings.hiddenSize(), policyOutputs, false, soft.policyLr(),
        manager, rng.split());
    this.critics = new TargetedNetworks(2, criticInputs, settings.hiddenSize(), criticOutputs, true, soft.qLr(),
        manager, rng.split());
    this.temperature = new Temperature(soft, targetEntropy, manager);
  }

  /** The policy network's output row for one observation. */
  protected float[] policyOutput(float[] observation) {
    return Inference.predict(actor.first(), store, manager, observation, 1, observationSize);
  }

  /** After a critic step: its diagnostics. */
  protected void criticStepped(CriticLosses losses, double gradNorm) {
    criticStats.add(losses.values(gradNorm));
  }

  /**
   * After an actor step with loss {@code actorLoss} under temperature {@code alpha}: the dual
   * step on α from E[log π] = {@code meanLogProb}, and the actor's diagnostics.
   */
  protected void actorStepped(double actorLoss, double gradNorm, double meanLogProb, double alpha) {
    temperature.update(meanLogProb);
    actorStats.add(actorLoss, gradNorm, temperature.lastLoss(), alpha, -meanLogProb);
  }

  @Override
  public final void log(TrialContext context, long step) {
    criticStats.log(context, step);
    actorStats.log(context, step);
  }
}
