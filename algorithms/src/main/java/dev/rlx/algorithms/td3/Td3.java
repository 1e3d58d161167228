package dev.rlx.algorithms.td3;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.rlx.algorithms.deep.Learner;
import dev.rlx.algorithms.deep.ReplayBuffer;
import dev.rlx.algorithms.offpolicy.ActionBounds;
import dev.rlx.algorithms.offpolicy.BellmanTarget;
import dev.rlx.algorithms.offpolicy.CriticLosses;
import dev.rlx.algorithms.offpolicy.DeterministicAgent;
import dev.rlx.algorithms.offpolicy.Diagnostics;
import dev.rlx.algorithms.offpolicy.OffPolicyTraining;
import dev.rlx.algorithms.offpolicy.TargetedNetworks;
import dev.rlx.api.Algorithm;
import dev.rlx.api.ContinuousActionVectorEnvironment;
import dev.rlx.api.TrialContext;
import jakarta.inject.Inject;
import java.util.SplittableRandom;

/**
 * TD3 (references.md §4.2; Fujimoto, van Hoof &amp; Meger 2018): DDPG with three fixes. The
 * critics regress onto
 * <pre>  y = r + γ (1 − terminated) min_{i=1,2} Q_φi⁻(s', clip(μ_θ⁻(s') + ε, a_min, a_max)),
 *   ε ~ clip(N(0, σ̃), −c, c)</pre>
 * and every d critic updates the actor ascends Q_φ1(s, μ_θ(s)) and all targets move by
 * Polyak averaging. Logs, as means over 100 updates, {@code losses/qf1_loss},
 * {@code losses/qf2_loss}, {@code q/qf1_mean}, {@code q/qf2_mean} (one critic: qf1 only),
 * {@code losses/critic_grad_norm},
 * and over the actor updates among them {@code losses/actor_loss}, {@code losses/actor_grad_norm};
 * {@code charts/exploration_noise}.
 */
public record Td3(Td3Params params, ContinuousActionVectorEnvironment env, TrialContext context) implements Algorithm {

  @Inject
  public Td3 {}

  @Override
  public void train() {
    OffPolicyTraining.train(params.offPolicy(), env, context, Agent::new);
  }

  /** ε = clip(σ̃ · g, −c, c) for a standard normal draw g: the target-policy noise in tanh units. */
  static double clippedNoise(double g, double sigma, double clip) {
    return Math.max(-clip, Math.min(clip, sigma * g));
  }

  /** TD3's networks and its update. */
  private final class Agent extends DeterministicAgent {
    private final TargetedNetworks critics;
    private final SplittableRandom rng;
    private final ActionBounds bounds = ActionBounds.of(env);
    private final float[] targetNoise;
    private final Diagnostics criticStats = CriticLosses.diagnostics(params.twinCritics() ? 2 : 1);
    private final Diagnostics actorStats = new Diagnostics("losses/actor_loss", "losses/actor_grad_norm");

    Agent(NDManager manager, SplittableRandom rng) {
      super(env, params.offPolicy().hiddenSize(), params.actorLr(), true, params.exploration(), manager, rng);
      this.rng = rng;
      this.critics = new TargetedNetworks(params.twinCritics() ? 2 : 1, observationSize + actionSize,
          params.offPolicy().hiddenSize(), 1, true, params.criticLr(), manager, rng.split());
      this.targetNoise = new float[params.offPolicy().batchSize() * actionSize];
    }

    @Override
    public void update(ReplayBuffer.Batch mb, long update) {
      try (NDManager m = manager.newSubManager()) {
        NDArray s = m.create(mb.obs(), new Shape(mb.size(), observationSize));
        NDArray a = m.create(mb.actions(), new Shape(mb.size(), actionSize));
        NDArray next = m.create(mb.nextObs(), new Shape(mb.size(), observationSize));
        // y = r + γ(1 − terminated) min_i Q_φi⁻(s', ã'), computed without a graph
        NDArray nextAction = actor.targetActions(next);
        if (params.targetSmoothing()) {
          nextAction = actor.bounds().clip(nextAction.add(m.create(smoothingNoise(mb.size()), nextAction.getShape())));
        }
        NDArray nextQ = TargetedNetworks.min(critics.forwardTargets(store, next.concat(nextAction, 1))).reshape(-1);
        NDArray y = BellmanTarget.of(m, mb, nextQ);

        NDArray sa = s.concat(a, 1);
        Learner.Step<CriticLosses> criticStep = critics.step(() -> {
          return CriticLosses.of(critics.forward(store, sa, true), y);
        });
        criticStats.add(criticStep.objective().values(criticStep.gradNorm()));

        if (update % params.policyDelay() == 0) {
          // ∇_θ J ≈ E[∇_a Q_φ1(s, a)|_{a=μ_θ(s)} ∇_θ μ_θ(s)]: minimise −Q_φ1(s, μ_θ(s)), critics held fixed
          critics.freeze(true);
          Learner.Step<Learner.Loss> actorStep = actor.step(() -> new Learner.Loss(
              critics.forward(store, s.concat(actor.actions(s, true), 1), true)[0].mean().neg()));
          critics.freeze(false);
          actorStats.add(actorStep.objective().loss().getFloat(), actorStep.gradNorm());
          actor.updateTarget(params.offPolicy().tau());
          critics.updateTargets(params.offPolicy().tau());
        }
      }
    }

    /** clip(N(0, σ̃), −c, c) · scale per row and component, drawn on the host from the trial's generator. */
    private float[] smoothingNoise(int rows) {
      for (int j = 0; j < rows; j++) {
        for (int k = 0; k < actionSize; k++) {
          targetNoise[j * actionSize + k] = (float) (clippedNoise(rng.nextGaussian(), params.policyNoise(), params.noiseClip())
              * bounds.scale(k));
        }
      }
      return targetNoise;
    }

    @Override
    protected void logUpdates(TrialContext context, long step) {
      criticStats.log(context, step);
      actorStats.log(context, step);
    }
  }
}
