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
public record OnPolicyTraining(OnPolicySettings settings, TrialContext context, PolicyDistribution policy,
    int observationSize, int batchSize, long updates, SplittableRandom rng, NDManager manager, Block actor,
    Block critic, ParameterStore store, Learner learner, RolloutCollector collector, RolloutBuffer rollout)
    implements AutoCloseable {

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
      int d = acting.environment().observationSize();
      SplittableRandom rng = new SplittableRandom(context.seed());
      OnPolicyDetails details = s.details();
      Block actor = ActorCritic.actor(policy, details.hiddenSize(), details.orthogonalInit(), rng.split());
      Block critic = ActorCritic.critic(details.hiddenSize(), details.orthogonalInit(), rng.split());
      actor.initialize(manager, DataType.FLOAT32, new Shape(1, d));
      critic.initialize(manager, DataType.FLOAT32, new Shape(1, d));
      ParameterStore store = new ParameterStore(manager, false);
      Learner learner = new Learner(s.lr(), s.adamEps(), List.of(actor, critic));
      RolloutCollector collector = new RolloutCollector(acting, policy, s.numEnvs(), details.normalizeObs(),
          details.scaleRewards(), s.gamma(), context);
      RolloutBuffer rollout = new RolloutBuffer(s.numSteps(), s.numEnvs(), d, policy.actionWidth());
      return new OnPolicyTraining(s, context, policy, d, s.numEnvs() * s.numSteps(), updates, rng, manager, actor,
          critic, store, learner, collector, rollout);
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
    Schedule learningRate = settings.details().annealLr() ? Schedule.linear(settings.lr(), 0) : Schedule.constant(settings.lr());
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

  @Override
  public void close() {
    manager.close();
  }
}
