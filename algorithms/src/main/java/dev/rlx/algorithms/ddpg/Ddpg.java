package dev.rlx.algorithms.ddpg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.rlx.algorithms.deep.DjlRuntime;
import dev.rlx.algorithms.deep.Learner;
import dev.rlx.algorithms.deep.ReplayBuffer;
import dev.rlx.algorithms.offpolicy.ActionBounds;
import dev.rlx.algorithms.offpolicy.BellmanTarget;
import dev.rlx.algorithms.offpolicy.CriticLosses;
import dev.rlx.algorithms.offpolicy.DeterministicActor;
import dev.rlx.algorithms.offpolicy.Diagnostics;
import dev.rlx.algorithms.offpolicy.ExplorationNoise;
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
    DjlRuntime.start(context.seed());
    SplittableRandom rng = new SplittableRandom(context.seed());
    try (NDManager manager = NDManager.newBaseManager(DjlRuntime.device(context.device()))) {
      new OffPolicyTraining(params.offPolicy(), env, context).run(new Agent(manager, rng), rng);
    }
  }

  /** DDPG's networks and its update. */
  private final class Agent implements OffPolicyTraining.Agent {
    private final NDManager manager;
    private final ParameterStore store;
    private final DeterministicActor actor;
    private final TargetedNetworks critic;
    private final ExplorationNoise noise;
    private final int d = env.observationSize();
    private final int actions = env.actionSize();
    private final Diagnostics criticStats = CriticLosses.diagnostics(1);
    private final Diagnostics actorStats = new Diagnostics("losses/actor_loss", "losses/actor_grad_norm",
        "q/policy_q_max");

    Agent(NDManager manager, SplittableRandom rng) {
      int hidden = params.offPolicy().hiddenSize();
      this.manager = manager;
      this.store = new ParameterStore(manager, false);
      this.actor = new DeterministicActor(d, ActionBounds.of(env), hidden, params.actorLr(), params.targetNetworks(),
          manager, store, rng.split());
      this.critic = new TargetedNetworks(1, d + actions, hidden, 1, params.targetNetworks(), params.criticLr(), manager,
          rng.split());
      this.noise = params.exploration().create(actions, rng.split());
    }

    @Override
    public void explore(float[] observation, float[] action) {
      actor.explore(observation, action, noise);
    }

    @Override
    public void act(float[] observation, float[] action) {
      actor.act(observation, action);
    }

    @Override
    public void episodeEnded() {
      noise.reset();
    }

    @Override
    public void update(ReplayBuffer.Batch mb, long update) {
      try (NDManager m = manager.newSubManager()) {
        NDArray s = m.create(mb.obs(), new Shape(mb.size(), d));
        NDArray a = m.create(mb.actions(), new Shape(mb.size(), actions));
        NDArray next = m.create(mb.nextObs(), new Shape(mb.size(), d));
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
    public void log(TrialContext context, long step) {
      criticStats.log(context, step);
      actorStats.log(context, step);
      context.log("charts/exploration_noise", step, noise.scale());
    }
  }

  /** The actor's loss −mean Q_φ(s, μ_θ(s)) with the Q-values it came from. */
  private record PolicyValue(NDArray loss, NDArray q) implements Learner.Objective {}
}
