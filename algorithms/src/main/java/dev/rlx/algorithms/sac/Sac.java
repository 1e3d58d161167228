package dev.rlx.algorithms.sac;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.rlx.algorithms.deep.DjlRuntime;
import dev.rlx.algorithms.deep.Inference;
import dev.rlx.algorithms.deep.Learner;
import dev.rlx.algorithms.deep.ReplayBuffer;
import dev.rlx.algorithms.deep.Scalars;
import dev.rlx.algorithms.offpolicy.ActionBounds;
import dev.rlx.algorithms.offpolicy.BellmanTarget;
import dev.rlx.algorithms.offpolicy.CriticLosses;
import dev.rlx.algorithms.offpolicy.Diagnostics;
import dev.rlx.algorithms.offpolicy.OffPolicySettings;
import dev.rlx.algorithms.offpolicy.OffPolicyTraining;
import dev.rlx.algorithms.offpolicy.SquashedGaussian;
import dev.rlx.algorithms.offpolicy.TargetedNetworks;
import dev.rlx.api.Algorithm;
import dev.rlx.api.ContinuousActionVectorEnvironment;
import dev.rlx.api.TrialContext;
import jakarta.inject.Inject;
import java.util.SplittableRandom;

/**
 * Soft Actor-Critic (references.md §4.3; Haarnoja et al. 2018): maximises return plus α times
 * the policy's entropy. The twin soft critics regress onto
 * <pre>  y = r + γ (1 − terminated) (min_{i=1,2} Q_φi⁻(s', ã') − α log π_θ(ã'|s')),  ã' ~ π_θ(·|s')</pre>
 * the tanh-squashed Gaussian actor ({@link SquashedGaussian}, reparameterised) minimises
 * <pre>  L_π = E_s[α log π_θ(ã|s) − min_i Q_φi(s, ã)]</pre>
 * and α is fixed or follows {@link Temperature}'s dual step towards entropy −|A|. Critic targets
 * move by Polyak averaging every update. Logs, as means over 100 updates,
 * {@code losses/qf1_loss}, {@code losses/qf2_loss}, {@code q/qf1_mean}, {@code q/qf2_mean},
 * {@code losses/critic_grad_norm}, {@code losses/actor_loss}, {@code losses/actor_grad_norm},
 * {@code losses/alpha_loss}, {@code charts/alpha} and {@code charts/entropy} (−E[log π], in the
 * policy's tanh units).
 */
public record Sac(SacParams params, ContinuousActionVectorEnvironment env, TrialContext context) implements Algorithm {

  @Inject
  public Sac {}

  @Override
  public void train() {
    DjlRuntime.start(context.seed());
    SplittableRandom rng = new SplittableRandom(context.seed());
    try (NDManager manager = NDManager.newBaseManager(DjlRuntime.device(context.device()))) {
      new OffPolicyTraining(params.offPolicy(), env, context).run(new Agent(manager, rng), rng);
    }
  }

  /** SAC's networks and its update. */
  private final class Agent implements OffPolicyTraining.Agent {
    private final NDManager manager;
    private final ParameterStore store;
    private final TargetedNetworks actor;
    private final TargetedNetworks critics;
    private final Temperature temperature;
    private final ActionBounds bounds = ActionBounds.of(env);
    private final ActionBounds.Tensors boundTensors;
    private final SplittableRandom rng;
    private final int d = env.observationSize();
    private final int actions = env.actionSize();
    private final float[] epsilon;
    private final Diagnostics criticStats = CriticLosses.diagnostics(2);
    private final Diagnostics actorStats = new Diagnostics("losses/actor_loss", "losses/actor_grad_norm",
        "losses/alpha_loss", "charts/alpha", "charts/entropy");

    Agent(NDManager manager, SplittableRandom rng) {
      OffPolicySettings s = params.offPolicy();
      this.manager = manager;
      this.store = new ParameterStore(manager, false);
      this.rng = rng;
      this.actor = new TargetedNetworks(1, d, s.hiddenSize(), 2 * actions, false, params.soft().policyLr(), manager,
          rng.split());
      this.critics = new TargetedNetworks(2, d + actions, s.hiddenSize(), 1, true, params.soft().qLr(), manager,
          rng.split());
      this.temperature = new Temperature(params.soft(), -actions, manager);
      this.boundTensors = bounds.on(manager);
      this.epsilon = new float[s.batchSize() * actions];
    }

    @Override
    public void explore(float[] observation, float[] action) {
      SquashedGaussian.sample(Inference.predict(actor.first(), store, manager, observation, 1, d), bounds, rng, false,
          action);
    }

    @Override
    public void act(float[] observation, float[] action) {
      SquashedGaussian.sample(Inference.predict(actor.first(), store, manager, observation, 1, d), bounds, rng, true,
          action);
    }

    @Override
    public void update(ReplayBuffer.Batch mb, long update) {
      double alpha = temperature.alpha();
      boolean correction = params.tanhCorrection();
      try (NDManager m = manager.newSubManager()) {
        Shape noiseShape = new Shape(mb.size(), actions);
        NDArray s = m.create(mb.obs(), new Shape(mb.size(), d));
        NDArray a = m.create(mb.actions(), noiseShape);
        NDArray next = m.create(mb.nextObs(), new Shape(mb.size(), d));
        // y = r + γ(1 − terminated)(min_i Q_φi⁻(s', ã') − α log π(ã'|s')), computed without a graph
        SquashedGaussian.Sample nextSample = SquashedGaussian.sample(actor.forward(store, next, false)[0],
            m.create(gaussian(), noiseShape), correction);
        NDArray softValue = softValue(critics.forwardTargets(store,
            next.concat(boundTensors.fromTanh(nextSample.action()), 1)), nextSample.logProb(), alpha);
        NDArray y = BellmanTarget.of(m, mb, softValue);

        NDArray sa = s.concat(a, 1);
        Learner.Step<CriticLosses> criticStep = critics.step(() -> CriticLosses.of(critics.forward(store, sa, true), y));
        criticStats.add(criticStep.objective().values(criticStep.gradNorm()));

        // L_π = E[α log π(ã|s) − min_i Q_φi(s, ã)], ã = tanh(μ + σε) reparameterised; critics held fixed
        NDArray noise = m.create(gaussian(), noiseShape);
        critics.freeze(true);
        Learner.Step<PolicyLoss> actorStep = actor.step(() -> {
          SquashedGaussian.Sample sample = SquashedGaussian.sample(actor.forward(store, s, true)[0], noise, correction);
          NDArray q = TargetedNetworks.min(critics.forward(store,
              s.concat(boundTensors.fromTanh(sample.action()), 1), true)).reshape(-1);
          return new PolicyLoss(Scalars.mul(sample.logProb(), alpha).sub(q).mean(), sample.logProb());
        });
        critics.freeze(false);
        double meanLogProb = actorStep.objective().logProb().mean().getFloat();
        temperature.update(meanLogProb);
        actorStats.add(actorStep.objective().loss().getFloat(), actorStep.gradNorm(), temperature.lastLoss(), alpha,
            -meanLogProb);
        critics.updateTargets(params.offPolicy().tau());
      }
    }

    /** Standard normal draws for a minibatch's reparameterised samples, from the trial's generator. */
    private float[] gaussian() {
      for (int i = 0; i < epsilon.length; i++) {
        epsilon[i] = (float) rng.nextGaussian();
      }
      return epsilon;
    }

    @Override
    public void log(TrialContext context, long step) {
      criticStats.log(context, step);
      actorStats.log(context, step);
    }
  }

  /** The soft value min_i Q_φi⁻(s', ã') − α log π(ã'|s') [B] of critics' outputs [B, 1] and log π [B]. */
  static NDArray softValue(NDArray[] nextQ, NDArray logProb, double alpha) {
    return TargetedNetworks.min(nextQ).reshape(-1).sub(Scalars.mul(logProb, alpha));
  }

  /** The actor's loss with the log-probabilities of its sampled actions (for the temperature). */
  private record PolicyLoss(NDArray loss, NDArray logProb) implements Learner.Objective {}
}
