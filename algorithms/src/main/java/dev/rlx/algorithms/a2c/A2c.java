package dev.rlx.algorithms.a2c;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.rlx.algorithms.deep.ActorCritic;
import dev.rlx.algorithms.deep.BatchStatistics;
import dev.rlx.algorithms.deep.DjlRuntime;
import dev.rlx.algorithms.deep.Learner;
import dev.rlx.algorithms.deep.PolicyDistribution;
import dev.rlx.algorithms.deep.RolloutBuffer;
import dev.rlx.algorithms.deep.RolloutCollector;
import dev.rlx.algorithms.deep.Scalars;
import dev.rlx.algorithms.deep.Schedule;
import dev.rlx.api.Algorithm;
import dev.rlx.api.BatchedEnvironment;
import dev.rlx.api.TrialContext;
import jakarta.inject.Inject;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Synchronous advantage actor-critic, A2C (rl-reference §3.2; Mnih et al. 2016): every
 * {@code num_steps} steps of {@code num_envs} copies, one gradient step on
 *
 * <pre>
 *   L_π = −E[ log π_θ(a_t | s_t) · Â_t ] − β · E[ H(π_θ(· | s_t)) ]
 *   L_V = E[ (V_φ(s_t) − R_t)² ],      L = L_π + c_v · L_V
 * </pre>
 *
 * with Â_t by GAE(γ, λ) over the rollout ({@link RolloutBuffer}): λ = 1 (the default) is the
 * bootstrapped n-step return R_t = r_t + γ r_{t+1} + … + γ^{T−t} V(s_T) minus V(s_t), λ = 0
 * the one-step advantage of the reference's update; R_t = Â_t + V(s_t). Rollouts, truncation
 * bootstrapping and evaluation are shared with PPO ({@link RolloutCollector}). Logs the losses,
 * entropy, explained variance and gradient norm averaged over ~2k steps; on the evaluation
 * schedule {@code eval/return} and {@code eval/terminated} of the deterministic policy (the
 * fraction of evaluation episodes that terminated before the time limit — on MountainCar,
 * reached the goal) and {@code charts/terminated_fraction}, the same fraction over the training
 * episodes (the sampling policy) since the previous evaluation.
 */
public final class A2c implements Algorithm {

  private final A2cParams p;
  private final BatchedEnvironment env;
  private final TrialContext context;

  @Inject
  A2c(A2cParams params, BatchedEnvironment env, TrialContext context) {
    this.p = params;
    this.env = env;
    this.context = context;
  }

  @Override
  public void train() {
    DjlRuntime.start(context.seed());
    PolicyDistribution policy = RolloutCollector.policyFor(env);
    int n = p.numEnvs();
    int d = env.observationSize();
    int batchSize = n * p.numSteps();
    long totalSteps = context.budget().maxEnvSteps();
    if (totalSteps == Long.MAX_VALUE) {
      throw new IllegalArgumentException("a2c needs a budget in env_steps, e.g. budget: {env_steps: 100000}");
    }
    long updates = Math.max(1, totalSteps / batchSize);
    SplittableRandom rng = new SplittableRandom(context.seed());
    long evalEvery = context.evaluation().everySteps();
    int evalEpisodes = (int) Math.max(1, context.evaluation().episodes() > 0 ? context.evaluation().episodes() : 10);

    try (NDManager manager = NDManager.newBaseManager(DjlRuntime.device(context.device()))) {
      Block actor = ActorCritic.actor(policy, p.hiddenSize(), p.orthogonalInit(), rng.split());
      Block critic = ActorCritic.critic(p.hiddenSize(), p.orthogonalInit(), rng.split());
      actor.initialize(manager, DataType.FLOAT32, new Shape(1, d));
      critic.initialize(manager, DataType.FLOAT32, new Shape(1, d));
      ParameterStore store = new ParameterStore(manager, false);
      Learner learner = new Learner(p.lr(), p.adamEps(), List.of(actor, critic));
      RolloutCollector collector = new RolloutCollector(env, policy, n, p.normalizeObs(), p.scaleRewards(), p.gamma(), context);
      RolloutBuffer rollout = new RolloutBuffer(p.numSteps(), n, d, policy.actionWidth());
      long nextEval = evalEvery > 0 ? evalEvery : Long.MAX_VALUE;
      Schedule learningRate = p.annealLr() ? Schedule.linear(p.lr(), 0) : Schedule.constant(p.lr());
      long logEvery = Math.max(1, 2048 / batchSize); // diagnostics averaged over ~2k steps, not per 40-step update
      double[] sums = new double[4]; // policy loss, value loss, entropy, gradient norm
      int summed = 0;

      for (long update = 1; update <= updates && !context.isCancelled(); update++) {
        learner.setLearningRate(learningRate.at(update - 1, updates));
        collector.collect(rollout, actor, critic, store, manager, rng);
        rollout.computeAdvantages(p.gamma(), p.gaeLambda());
        float[] advantages = rollout.advantages();
        if (p.normAdv()) {
          BatchStatistics.standardize(advantages);
        }
        try (NDManager m = manager.newSubManager()) {
          NDArray x = m.create(rollout.observations(), new Shape(batchSize, d));
          NDArray a = m.create(rollout.actions(), new Shape(batchSize, policy.actionWidth()));
          NDArray adv = m.create(advantages);
          NDArray ret = m.create(rollout.returns());
          Learner.Step<Terms> step = learner.step(() -> {
            NDArray actorOut = actor.forward(store, new NDList(x), true).singletonOrThrow();
            NDArray value = critic.forward(store, new NDList(x), true).singletonOrThrow().reshape(-1);
            NDArray policyLoss = policy.logProb(actorOut, a).mul(adv).mean().neg();
            NDArray valueLoss = value.sub(ret).square().mean();
            NDArray entropy = policy.entropy(actorOut).mean();
            return new Terms(policyLoss.sub(Scalars.mul(entropy, p.entCoef())).add(Scalars.mul(valueLoss, p.vfCoef())),
                policyLoss, valueLoss, entropy);
          }, p.maxGradNorm());
          sums[3] += step.gradNorm();
          sums[0] += step.objective().policyLoss().getFloat();
          sums[1] += step.objective().valueLoss().getFloat();
          sums[2] += step.objective().entropy().getFloat();
          summed++;
        }
        long globalStep = collector.globalStep();
        if (update % logEvery == 0 || update == updates) {
          context.log("losses/policy_loss", globalStep, sums[0] / summed);
          context.log("losses/value_loss", globalStep, sums[1] / summed);
          context.log("losses/entropy", globalStep, sums[2] / summed);
          context.log("losses/grad_norm", globalStep, sums[3] / summed);
          context.log("losses/explained_variance", globalStep,
              BatchStatistics.explainedVariance(rollout.values(), rollout.returns()));
          java.util.Arrays.fill(sums, 0);
          summed = 0;
        }
        if (globalStep >= nextEval) {
          log(collector, collector.evaluate(actor, store, manager, evalEpisodes), globalStep);
          nextEval += evalEvery;
        }
      }
      log(collector, collector.evaluate(actor, store, manager, evalEpisodes), collector.globalStep());
    }
  }

  private void log(RolloutCollector collector, RolloutCollector.Evaluation evaluation, long step) {
    context.log("eval/return", step, evaluation.meanReturn());
    context.log("eval/terminated", step, evaluation.terminatedFraction());
    double training = collector.trainingTerminatedFraction();
    if (!Double.isNaN(training)) {
      context.log("charts/terminated_fraction", step, training);
    }
  }

  /** One update's loss and the terms logged from the same graph. */
  private record Terms(NDArray loss, NDArray policyLoss, NDArray valueLoss, NDArray entropy)
      implements Learner.Objective {}
}
