package dev.rlx.algorithms.deep;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.rlx.api.BatchedEnvironment;
import dev.rlx.api.TrialContext;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The scaffolding PPO and A2C share (SB3's {@code OnPolicyAlgorithm}): separate actor and critic
 * MLPs on one manager, one Adam {@link Learner} over both, a {@link RolloutCollector} on
 * {@code num_envs} copies and a {@link RolloutBuffer} of {@code num_steps} steps; then, for
 * ⌊budget / (num_envs · num_steps)⌋ updates: set the (annealed) learning rate, collect a
 * rollout, compute GAE(γ, λ) advantages and returns, hand the rollout to the algorithm's
 * {@link Update}, and evaluate the deterministic policy on the spec's schedule and at the end.
 * The algorithm owns only its loss and what it logs.
 */
public final class OnPolicyTraining implements AutoCloseable {

  /** What an algorithm does with a rollout whose advantages and returns are computed. */
  @FunctionalInterface
  public interface Update {
    void apply(long update, long globalStep);
  }

  /** How an algorithm logs an evaluation of its deterministic policy. */
  @FunctionalInterface
  public interface EvaluationLog {
    void log(RolloutCollector.Evaluation evaluation, long step);
  }

  private final OnPolicySettings settings;
  private final TrialContext context;
  private final PolicyDistribution policy;
  private final int observationSize;
  private final int batchSize;
  private final long updates;
  private final SplittableRandom rng;
  private final NDManager manager;
  private final Block actor;
  private final Block critic;
  private final ParameterStore store;
  private final Learner learner;
  private final RolloutCollector collector;
  private final RolloutBuffer rollout;

  private OnPolicyTraining(OnPolicySettings s, ActingEnvironment env, PolicyDistribution policy, long updates,
      TrialContext context, NDManager manager) {
    this.settings = s;
    this.context = context;
    this.policy = policy;
    this.observationSize = env.environment().observationSize();
    this.batchSize = s.numEnvs() * s.numSteps();
    this.updates = updates;
    this.rng = new SplittableRandom(context.seed());
    this.manager = manager;
    int d = observationSize;
    actor = ActorCritic.actor(policy, s.hiddenSize(), s.orthogonalInit(), rng.split());
    critic = ActorCritic.critic(s.hiddenSize(), s.orthogonalInit(), rng.split());
    actor.initialize(manager, DataType.FLOAT32, new Shape(1, d));
    critic.initialize(manager, DataType.FLOAT32, new Shape(1, d));
    store = new ParameterStore(manager, false);
    learner = new Learner(s.lr(), s.adamEps(), List.of(actor, critic));
    collector = new RolloutCollector(env, policy, s.numEnvs(), s.normalizeObs(), s.scaleRewards(), s.gamma(), context);
    rollout = new RolloutBuffer(s.numSteps(), s.numEnvs(), d, policy.actionWidth());
  }

  /**
   * Starts the DJL runtime and builds the networks, the collector and the buffer for a trial of
   * {@code algorithm}, which needs a budget in environment steps.
   */
  public static OnPolicyTraining open(String algorithm, OnPolicySettings s, BatchedEnvironment env,
      TrialContext context) {
    DjlRuntime.start(context.seed());
    ActingEnvironment acting = ActingEnvironment.of(env);
    PolicyDistribution policy = acting.policy();
    long totalSteps = context.budget().maxEnvSteps();
    if (totalSteps == Long.MAX_VALUE) {
      throw new IllegalArgumentException(algorithm + " needs a budget in env_steps, e.g. budget: {env_steps: 100000}");
    }
    long updates = Math.max(1, totalSteps / (s.numEnvs() * s.numSteps()));
    NDManager manager = NDManager.newBaseManager(DjlRuntime.device(context.device()));
    try {
      return new OnPolicyTraining(s, acting, policy, updates, context, manager);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /** Runs every update, evaluating on the spec's schedule and once at the end. */
  public void run(Update update, EvaluationLog evaluationLog) {
    long evalEvery = context.evaluation().everySteps();
    int evalEpisodes = (int) Math.max(1, context.evaluation().episodes() > 0 ? context.evaluation().episodes() : 10);
    long nextEval = evalEvery > 0 ? evalEvery : Long.MAX_VALUE;
    Schedule learningRate = settings.annealLr() ? Schedule.linear(settings.lr(), 0) : Schedule.constant(settings.lr());
    for (long u = 1; u <= updates && !context.isCancelled(); u++) {
      learner.setLearningRate(learningRate.at(u - 1, updates));
      collector.collect(rollout, actor, critic, store, manager, rng);
      rollout.computeAdvantages(settings.gamma(), settings.gaeLambda());
      long globalStep = collector.globalStep();
      update.apply(u, globalStep);
      if (globalStep >= nextEval) {
        evaluationLog.log(collector.evaluate(actor, store, manager, evalEpisodes), globalStep);
        nextEval += evalEvery;
      }
    }
    evaluationLog.log(collector.evaluate(actor, store, manager, evalEpisodes), collector.globalStep());
  }

  public PolicyDistribution policy() {
    return policy;
  }

  public int observationSize() {
    return observationSize;
  }

  /** Transitions per rollout: num_envs · num_steps. */
  public int batchSize() {
    return batchSize;
  }

  /** The number of updates the budget allows. */
  public long updates() {
    return updates;
  }

  /** The trial's random stream, after the networks' initialisers were split from it. */
  public SplittableRandom rng() {
    return rng;
  }

  public NDManager manager() {
    return manager;
  }

  public Block actor() {
    return actor;
  }

  public Block critic() {
    return critic;
  }

  public ParameterStore store() {
    return store;
  }

  public Learner learner() {
    return learner;
  }

  public RolloutCollector collector() {
    return collector;
  }

  public RolloutBuffer rollout() {
    return rollout;
  }

  @Override
  public void close() {
    manager.close();
  }
}
