package dev.rlx.algorithms.offpolicy;

import ai.djl.ndarray.NDManager;
import dev.rlx.algorithms.deep.ActingEnvironment;
import dev.rlx.algorithms.deep.DjlRuntime;
import dev.rlx.algorithms.deep.EpisodeLog;
import dev.rlx.algorithms.deep.ReplayBuffer;
import dev.rlx.api.BatchedEnvironment;
import dev.rlx.api.TrialContext;
import java.util.SplittableRandom;

/**
 * The update-to-data loop every off-policy actor-critic shares (references.md §4): act in one
 * environment — uniformly at random for the first {@code learning_starts} steps, then as the
 * agent explores — store (s, a, r, s', terminated) in a replay buffer, and every
 * {@code train_frequency} steps take one gradient update on a uniform minibatch. s' of a
 * truncated step is the observation the episode was cut off in, and terminated is false there,
 * so its target still bootstraps. Logs {@code charts/episodic_return} and
 * {@code charts/episode_length}; {@code eval/return} of the agent's deterministic policy every
 * {@code evaluation.every_steps} and at the end; and once training ends
 * {@code perf/updates_per_second} (updates over the seconds since learning started, environment
 * steps included) and {@code perf/update_seconds}. What the agent logs is its own.
 */
public final class OffPolicyTraining {

  /** One algorithm's side of the loop: how it acts and how it learns. */
  public interface Agent {

    /** The action to explore with in {@code observation} (one row), written into {@code action}. */
    void explore(float[] observation, float[] action);

    /** The evaluation action: the policy's deterministic mode (greedy, or the mean's tanh). */
    void act(float[] observation, float[] action);

    /** One gradient update on {@code batch}; {@code update} counts updates from 1. */
    void update(ReplayBuffer.Batch batch, long update);

    /** Logs the means of the diagnostics gathered since the last call. */
    void log(TrialContext context, long step);

    /** The training episode ended: correlated exploration noise restarts. */
    default void episodeEnded() {}
  }

  /** Builds an agent's networks on the trial's manager, drawing its initial weights from {@code rng}. */
  @FunctionalInterface
  public interface AgentFactory {
    Agent create(NDManager manager, SplittableRandom rng);
  }

  /**
   * A whole trial, what each algorithm's {@code train()} is: start the engine seeded, build the
   * agent on a manager that lives as long as the trial, and run the budget.
   */
  public static void train(OffPolicySettings settings, BatchedEnvironment env, TrialContext context,
      AgentFactory agent) {
    DjlRuntime.start(context.seed());
    SplittableRandom rng = new SplittableRandom(context.seed());
    try (NDManager manager = NDManager.newBaseManager(DjlRuntime.device(context.device()))) {
      new OffPolicyTraining(settings, env, context).run(agent.create(manager, rng), rng);
    }
  }

  /** Evaluation episodes start from seeds this far from the trial's (as DQN's do). */
  private static final long EVALUATION_SEED_OFFSET = 1_000_003L;
  /** Diagnostics are averaged over this many updates before they are logged. */
  static final int LOG_EVERY_UPDATES = 100;

  private final OffPolicySettings settings;
  private final ActingEnvironment env;
  private final TrialContext context;

  public OffPolicyTraining(OffPolicySettings settings, BatchedEnvironment env, TrialContext context) {
    this.settings = settings;
    this.env = ActingEnvironment.of(env);
    this.context = context;
  }

  /** The length of one action row in the buffer: the action vector, or 1 for an index. */
  public int actionWidth() {
    return env.policy().actionWidth();
  }

  /** Runs the trial's budget of environment steps with {@code agent}. */
  public void run(Agent agent, SplittableRandom rng) {
    long totalSteps = context.budget().maxEnvSteps();
    if (totalSteps == Long.MAX_VALUE) {
      throw new IllegalArgumentException("off-policy algorithms need a budget in env_steps, e.g. budget: {env_steps: 30000}");
    }
    int d = env.environment().observationSize();
    int width = actionWidth();
    ReplayBuffer buffer = new ReplayBuffer(settings.bufferSize(), d, width);
    ReplayBuffer.Batch minibatch = new ReplayBuffer.Batch(settings.batchSize(), d, width);
    BatchedEnvironment.Batch batch = BatchedEnvironment.Batch.of(1, d);
    env.environment().reset(context.seed(), batch);
    float[] obs = batch.observations().clone();
    float[] action = new float[width];
    long evalEvery = context.evaluation().everySteps();
    long nextEval = evalEvery > 0 ? evalEvery : Long.MAX_VALUE;
    EpisodeLog episodes = new EpisodeLog(context);
    long updates = 0;
    long learningStartedAt = 0;
    for (long step = 1; step <= totalSteps && !context.isCancelled(); step++) {
      if (step <= settings.learningStarts()) {
        env.uniformActions(rng, action);
      } else {
        agent.explore(obs, action);
      }
      env.step(action, batch);
      boolean done = batch.done(0);
      buffer.add(obs, done ? batch.finalObservations() : batch.observations(), 0, action, batch.rewards()[0],
          batch.terminated()[0], (float) settings.gamma());
      episodes.add(step, batch.rewards()[0], done);
      if (done) {
        agent.episodeEnded();
      }
      System.arraycopy(batch.observations(), 0, obs, 0, d);

      if (step > settings.learningStarts() && step % settings.trainFrequency() == 0) {
        if (updates == 0) {
          learningStartedAt = System.nanoTime();
        }
        buffer.sample(rng, minibatch);
        agent.update(minibatch, ++updates);
        if (updates % LOG_EVERY_UPDATES == 0) {
          agent.log(context, step);
        }
      }
      if (step >= nextEval) {
        evaluate(agent, step);
        nextEval += evalEvery;
      }
    }
    if (updates > 0) {
      double seconds = (System.nanoTime() - learningStartedAt) / 1e9;
      context.log("perf/update_seconds", totalSteps, seconds);
      context.log("perf/updates_per_second", totalSteps, updates / seconds);
    }
    evaluate(agent, totalSteps);
  }

  /** Episodes of the deterministic policy on a fresh copy of the environment: eval/return. */
  private void evaluate(Agent agent, long step) {
    try (ActingEnvironment evalEnv = env.copy()) {
      evaluate(agent, step, evalEnv);
    }
  }

  private void evaluate(Agent agent, long step, ActingEnvironment evalEnv) {
    int episodes = (int) (context.evaluation().episodes() > 0 ? context.evaluation().episodes() : 10);
    int d = evalEnv.environment().observationSize();
    BatchedEnvironment.Batch batch = BatchedEnvironment.Batch.of(1, d);
    evalEnv.environment().reset(context.seed() + EVALUATION_SEED_OFFSET, batch);
    float[] action = new float[actionWidth()];
    double returns = 0;
    for (int e = 0; e < episodes && !context.isCancelled(); e++) {
      do {
        agent.act(batch.observations(), action);
        evalEnv.step(action, batch);
        returns += batch.rewards()[0];
      } while (!batch.done(0));
    }
    context.log("eval/return", step, returns / episodes);
  }
}
