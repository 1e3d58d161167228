package dev.rlx.algorithms.ppo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.rlx.algorithms.deep.ActorCritic;
import dev.rlx.algorithms.deep.BatchStatistics;
import dev.rlx.algorithms.deep.ClippedSurrogate;
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
 * Proximal policy optimisation with the clipped surrogate (rl-reference §3.4; Schulman et al.
 * 2017) and GAE advantages (§6.6), in the shape of CleanRL's ppo.py — a categorical policy on
 * discrete actions, a diagonal Gaussian (state-independent σ) on continuous ones, as
 * ppo_continuous_action.py:
 *
 * <pre>
 *   r_t(θ)  = π_θ(a_t | s_t) / π_θold(a_t | s_t)
 *   L^CLIP  = E[ min(r_t Â_t, clip(r_t, 1 − ε, 1 + ε) Â_t) ]
 *   L       = −L^CLIP + c_v · ½ (V_θ(s_t) − R_t)² − β · H(π_θ(· | s_t)),    R_t = Â_t + V_old(s_t)
 * </pre>
 *
 * Rollouts of {@code num_steps} on {@code num_envs} vectorised copies ({@link RolloutCollector}), then
 * {@code update_epochs} passes of {@code num_minibatches} Adam steps with global gradient-norm
 * clipping. Separate actor and critic MLPs (tanh). Logs per update: losses, entropy,
 * approximate KL, clip fraction, explained variance, gradient norm, learning rate; per
 * finished training episode {@code charts/episodic_return}; {@code eval/return} (greedy
 * policy) on the spec's evaluation schedule and at the end.
 */
public final class Ppo implements Algorithm {

  private final PpoParams p;
  private final BatchedEnvironment env;
  private final TrialContext context;

  @Inject
  Ppo(PpoParams params, BatchedEnvironment env, TrialContext context) {
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
    int minibatchSize = Math.max(1, batchSize / p.numMinibatches());
    long totalSteps = context.budget().maxEnvSteps();
    if (totalSteps == Long.MAX_VALUE) {
      throw new IllegalArgumentException("ppo needs a budget in env_steps, e.g. budget: {env_steps: 100000}");
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
      RolloutBuffer.Minibatch mb = new RolloutBuffer.Minibatch(minibatchSize, d, policy.actionWidth());
      int[] order = new int[batchSize];
      long nextEval = evalEvery > 0 ? evalEvery : Long.MAX_VALUE;
      Schedule learningRate = p.annealLr() ? Schedule.linear(p.lr(), 0) : Schedule.constant(p.lr());

      for (long update = 1; update <= updates && !context.isCancelled(); update++) {
        learner.setLearningRate(learningRate.at(update - 1, updates));
        collector.collect(rollout, actor, critic, store, manager, rng);
        rollout.computeAdvantages(p.gamma(), p.gaeLambda());

        // update_epochs passes over shuffled minibatches
        for (int k = 0; k < batchSize; k++) {
          order[k] = k;
        }
        Diagnostics diag = new Diagnostics();
        for (int epoch = 0; epoch < p.updateEpochs(); epoch++) {
          shuffle(order, rng);
          for (int start = 0; start + minibatchSize <= batchSize; start += minibatchSize) {
            rollout.gather(order, start, minibatchSize, mb);
            minibatch(mb, policy, actor, critic, store, manager, learner, diag);
          }
        }
        long globalStep = collector.globalStep();
        context.log("losses/policy_loss", globalStep, diag.mean(diag.policyLoss));
        context.log("losses/value_loss", globalStep, diag.mean(diag.valueLoss));
        context.log("losses/entropy", globalStep, diag.mean(diag.entropy));
        context.log("losses/approx_kl", globalStep, diag.mean(diag.approxKl));
        context.log("losses/clipfrac", globalStep, diag.mean(diag.clipFraction));
        context.log("losses/grad_norm", globalStep, diag.mean(diag.gradNorm));
        context.log("losses/explained_variance", globalStep, BatchStatistics.explainedVariance(rollout.values(), rollout.returns()));
        context.log("charts/learning_rate", globalStep, learner.learningRate());
        if (globalStep >= nextEval) {
          context.log("eval/return", globalStep, collector.evaluate(actor, store, manager, evalEpisodes).meanReturn());
          nextEval += evalEvery;
        }
      }
      context.log("eval/return", collector.globalStep(), collector.evaluate(actor, store, manager, evalEpisodes).meanReturn());
    }
  }

  /** One Adam step on the PPO loss of a minibatch. */
  private void minibatch(RolloutBuffer.Minibatch mb, PolicyDistribution policy, Block actor, Block critic,
      ParameterStore store, NDManager manager, Learner learner, Diagnostics diag) {
    if (p.normAdv()) {
      BatchStatistics.standardize(mb.advantages);
    }
    int size = mb.size;
    try (NDManager m = manager.newSubManager()) {
      NDArray x = m.create(mb.observations, new Shape(size, mb.observations.length / size));
      NDArray a = m.create(mb.actions, new Shape(size, policy.actionWidth()));
      NDArray oldLogp = m.create(mb.logProbs);
      NDArray adv = m.create(mb.advantages);
      NDArray ret = m.create(mb.returns);
      NDArray oldV = m.create(mb.values);
      float eps = (float) p.clipEps();
      Learner.Step<Terms> step = learner.step(() -> {
        NDArray actorOut = actor.forward(store, new NDList(x), true).singletonOrThrow();
        NDArray newValue = critic.forward(store, new NDList(x), true).singletonOrThrow().reshape(-1);
        NDArray logRatio = policy.logProb(actorOut, a).sub(oldLogp);
        NDArray ratio = logRatio.exp();
        NDArray pgLoss = ClippedSurrogate.perElement(ratio, adv, eps, eps).mean();
        NDArray vLoss = valueLoss(newValue, oldV, ret, p.clipVloss() ? eps : Float.NaN);
        NDArray entropy = policy.entropy(actorOut).mean();
        NDArray loss = pgLoss.sub(Scalars.mul(entropy, p.entCoef())).add(Scalars.mul(vLoss, p.vfCoef()));
        return new Terms(loss, pgLoss, vLoss, entropy,
            ratio.sub(1f).sub(logRatio).mean(), // approx KL, k3 estimator (Schulman 2020)
            ratio.sub(1f).abs().gt(eps).toType(DataType.FLOAT32, false).mean());
      }, p.maxGradNorm());
      Terms t = step.objective();
      diag.add(t.policyLoss().getFloat(), t.valueLoss().getFloat(), t.entropy().getFloat(), t.approxKl().getFloat(),
          t.clipFraction().getFloat(), step.gradNorm());
    }
  }

  /** One minibatch's loss and the terms logged from the same graph. */
  private record Terms(NDArray loss, NDArray policyLoss, NDArray valueLoss, NDArray entropy, NDArray approxKl,
      NDArray clipFraction) implements Learner.Objective {}

  /**
   * ½ E[(V − R)²]; with a finite {@code clipEps}, ½ E[max((V − R)², (V_old + clip(V − V_old, −ε, ε) − R)²)]
   * (rl-reference §3.4 exercise 2).
   */
  static NDArray valueLoss(NDArray newValue, NDArray oldValue, NDArray returns, float clipEps) {
    NDArray unclipped = newValue.sub(returns).square();
    if (Float.isNaN(clipEps)) {
      return Scalars.mul(unclipped.mean(), 0.5);
    }
    NDArray clipped = oldValue.add(newValue.sub(oldValue).clip(-clipEps, clipEps)).sub(returns).square();
    return Scalars.mul(unclipped.maximum(clipped).mean(), 0.5);
  }

  private static void shuffle(int[] order, SplittableRandom rng) {
    for (int k = order.length - 1; k > 0; k--) {
      int j = rng.nextInt(k + 1);
      int tmp = order[k];
      order[k] = order[j];
      order[j] = tmp;
    }
  }

  /** Per-update averages of the minibatch diagnostics. */
  private static final class Diagnostics {
    double policyLoss;
    double valueLoss;
    double entropy;
    double approxKl;
    double clipFraction;
    double gradNorm;
    int count;

    void add(double pg, double v, double h, double kl, double clip, double norm) {
      policyLoss += pg;
      valueLoss += v;
      entropy += h;
      approxKl += kl;
      clipFraction += clip;
      gradNorm += norm;
      count++;
    }

    double mean(double sum) {
      return count == 0 ? Double.NaN : sum / count;
    }
  }
}
