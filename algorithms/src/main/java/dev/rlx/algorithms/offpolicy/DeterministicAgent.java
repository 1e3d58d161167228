package dev.rlx.algorithms.offpolicy;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.rlx.api.ContinuousActionVectorEnvironment;
import dev.rlx.api.TrialContext;
import java.util.SplittableRandom;

/**
 * What DDPG's and TD3's agents share (references.md §4.1–4.2): acting with μ_θ(s), exploring
 * with noise added to it (restarted each episode), and logging the noise's scale as
 * {@code charts/exploration_noise}; subclasses write the update.
 */
public abstract class DeterministicAgent implements OffPolicyTraining.Agent {

  protected final NDManager manager;
  protected final ParameterStore store;
  protected final DeterministicActor actor;
  protected final ExplorationNoise noise;
  protected final int observationSize;
  protected final int actionSize;

  protected DeterministicAgent(ContinuousActionVectorEnvironment env, int hidden, double actorLr, boolean withTarget,
      ExplorationNoise.Settings exploration, NDManager manager, SplittableRandom rng) {
    this.manager = manager;
    this.store = new ParameterStore(manager, false);
    this.observationSize = env.observationSize();
    this.actionSize = env.actionSize();
    this.actor = new DeterministicActor(observationSize, ActionBounds.of(env), hidden, actorLr, withTarget, manager,
        store, rng.split());
    this.noise = exploration.create(actionSize, rng.split());
  }

  @Override
  public final void explore(float[] observation, float[] action) {
    actor.explore(observation, action, noise);
  }

  @Override
  public final void act(float[] observation, float[] action) {
    actor.act(observation, action);
  }

  @Override
  public final void episodeEnded() {
    noise.reset();
  }

  @Override
  public final void log(TrialContext context, long step) {
    logUpdates(context, step);
    context.log("charts/exploration_noise", step, noise.scale());
  }

  /** Logs the update's diagnostics gathered since the last call. */
  protected abstract void logUpdates(TrialContext context, long step);
}
