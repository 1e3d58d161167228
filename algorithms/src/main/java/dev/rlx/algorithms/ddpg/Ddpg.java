package dev.rlx.algorithms.ddpg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.rlx.algorithms.deep.Learner;
import dev.rlx.algorithms.deep.ReplayBuffer;
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
 * DDPG (references.md §4.1; Lillicrap et al. 2016): a deterministic actor μ_θ and a critic Q_φ.
 * Each update the critic regresses onto
 * <pre>  y = r + γ (1 − terminated) Q_φ⁻(s', μ_θ⁻(s'))</pre>
 * the actor follows the deterministic policy gradient
 * <pre>  ∇_θ J ≈ E_s[∇_a Q_φ(s, a)|_{a=μ_θ(s)} ∇_θ μ_θ(s)]</pre>
 * (minimising −Q_φ(s, μ_θ(s)) with the critic held fixed), and both targets move by
 * θ⁻ ← τθ + (1 − τ)θ⁻. Logs, as means over 100 updates, {@code losses/qf1_loss},
 * {@code q/qf1_mean}, {@code losses/critic_grad_norm}, {@code losses/actor_loss},
 * {@code losses/actor_grad_norm} and {@code q/policy_q_max} (the largest Q_φ(s, μ_θ(s)) of each
 * minibatch: what explodes without target networks); {@code charts/exploration_noise}.
 */
public record Ddpg(DdpgParams params, ContinuousActionVectorEnvironment env, TrialContext context)
    implements Algorithm {

  @Inject
  public Ddpg {}

  @Override
  public void train() {
    OffPolicyTraining.train(params.offPolicy(), env, context, Agent::new);
  }

  /** DDPG's networks and its update. */
  private final class Agent extends DeterministicAgent {
    private final TargetedNetworks critic;
    private final Diagnostics criticStats = CriticLosses.diagnostics(1);
    private final Diagnostics actorStats = new Diagnostics("losses/actor_loss", "losses/actor_grad_norm",
        "q/policy_q_max");

    Agent(NDManager manager, SplittableRandom rng) {
      super(env, params.offPolicy().hiddenSize(), params.actorLr(), params.targetNetworks(), params.exploration(),
          manager, rng);
      this.critic = new TargetedNetworks(1, observationSize + actionSize, params.offPolicy().hiddenSize(), 1,
          params.targetNetworks(), params.criticLr(), manager, rng.split());
    }

    @Override
    public void update(ReplayBuffer.Batch mb, long update) {
      try (NDManager m = manager.newSubManager()) {
        NDArray s = m.create(mb.obs(), new Shape(mb.size(), observationSize));
        NDArray a = m.create(mb.actions(), new Shape(mb.size(), actionSize));
        NDArray next = m.create(mb.nextObs(), new Shape(mb.size(), observationSize));
        // y = r + γ(1 − terminated) Q_φ⁻(s', μ_θ⁻(s')), computed without a graph
        NDArray nextQ = critic.forwardTargets(store, next.concat(actor.targetActions(next), 1))[0].reshape(-1);
        NDArray y = BellmanTarget.of(m, mb, nextQ);

        NDArray sa = s.concat(a, 1);
        Learner.Step<CriticLosses> criticStep = critic.step(() -> CriticLosses.of(critic.forward(store, sa, true), y));
        criticStats.add(criticStep.objective().values(criticStep.gradNorm()));

        critic.freeze(true);
        Learner.Step<PolicyValue> actorStep = actor.step(() -> {
          NDArray q = critic.forward(store, s.concat(actor.actions(s, true), 1), true)[0];
          return new PolicyValue(q.mean().neg(), q);
        });
        critic.freeze(false);
        PolicyValue p = actorStep.objective();
        actorStats.add(p.loss().getFloat(), actorStep.gradNorm(), p.q().max().getFloat());
        actor.updateTarget(params.offPolicy().tau());
        critic.updateTargets(params.offPolicy().tau());
      }
    }

    @Override
    protected void logUpdates(TrialContext context, long step) {
      criticStats.log(context, step);
      actorStats.log(context, step);
    }
  }

  /** The actor's loss −mean Q_φ(s, μ_θ(s)) with the Q-values it came from. */
  private record PolicyValue(NDArray loss, NDArray q) implements Learner.Objective {}
}
