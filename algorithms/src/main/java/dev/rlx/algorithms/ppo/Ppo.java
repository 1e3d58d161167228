package dev.rlx.algorithms.ppo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.rlx.algorithms.deep.Categorical;
import dev.rlx.algorithms.deep.DjlRuntime;
import dev.rlx.algorithms.deep.Gae;
import dev.rlx.algorithms.deep.Inference;
import dev.rlx.algorithms.deep.Learner;
import dev.rlx.algorithms.deep.Mlp;
import dev.rlx.api.Algorithm;
import dev.rlx.api.TrialContext;
import dev.rlx.api.VectorEnvironment;
import dev.rlx.api.wrappers.RunningMeanStd;
import jakarta.inject.Inject;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Proximal policy optimisation with the clipped surrogate (rl-reference §3.4; Schulman et al.
 * 2017) and GAE advantages (§6.6), on discrete actions, in the shape of CleanRL's ppo.py:
 *
 * <pre>
 *   r_t(θ)  = π_θ(a_t | s_t) / π_θold(a_t | s_t)
 *   L^CLIP  = E[ min(r_t Â_t, clip(r_t, 1 − ε, 1 + ε) Â_t) ]
 *   L       = −L^CLIP + c_v · ½ (V_θ(s_t) − R_t)² − β · H(π_θ(· | s_t)),    R_t = Â_t + V_old(s_t)
 * </pre>
 *
 * Rollouts of {@code num_steps} on {@code num_envs} vectorised copies, then
 * {@code update_epochs} passes of {@code num_minibatches} Adam steps with global gradient-norm
 * clipping. Separate actor and critic MLPs (tanh). Logs per update: losses, entropy,
 * approximate KL, clip fraction, explained variance, gradient norm, learning rate; per
 * finished training episode {@code charts/episodic_return}; {@code eval/return} (greedy
 * policy) on the spec's evaluation schedule and at the end.
 */
public final class Ppo implements Algorithm {

  private final PpoParams p;
  private final VectorEnvironment env;
  private final TrialContext context;

  @Inject
  Ppo(PpoParams params, VectorEnvironment env, TrialContext context) {
    this.p = params;
    this.env = env;
    this.context = context;
  }

  @Override
  public void train() {
    DjlRuntime.start(context.seed());
    int n = p.numEnvs();
    int steps = p.numSteps();
    int d = env.observationSize();
    int actions = env.actionCount();
    int batchSize = n * steps;
    int minibatchSize = Math.max(1, batchSize / p.numMinibatches());
    long totalSteps = context.budget().maxEnvSteps();
    if (totalSteps == Long.MAX_VALUE) {
      throw new IllegalArgumentException("ppo needs a budget in env_steps, e.g. budget: {env_steps: 100000}");
    }
    long updates = Math.max(1, totalSteps / batchSize);
    SplittableRandom rng = new SplittableRandom(context.seed());
    long evalEvery = context.evaluation().everySteps();
    int evalEpisodes = (int) Math.max(1, context.evaluation().episodes() > 0 ? context.evaluation().episodes() : 10);

    try (NDManager manager = NDManager.newBaseManager()) {
      int[] hidden = {p.hiddenSize(), p.hiddenSize()};
      Block actor = Mlp.tanh(hidden, actions, p.orthogonalInit(), 0.01, rng.split());
      Block critic = Mlp.tanh(hidden, 1, p.orthogonalInit(), 1.0, rng.split());
      actor.initialize(manager, DataType.FLOAT32, new Shape(1, d));
      critic.initialize(manager, DataType.FLOAT32, new Shape(1, d));
      ParameterStore store = new ParameterStore(manager, false);
      Learner learner = new Learner(p.lr(), p.adamEps(), List.of(actor, critic));
      RunningMeanStd obsStats = p.normalizeObs() ? new RunningMeanStd(d) : null;
      RunningMeanStd returnStats = p.scaleRewards() ? new RunningMeanStd(1) : null;
      double[] discountedReturn = new double[n];

      // Rollout storage, [t][copy] row-major.
      float[] obs = new float[batchSize * d];
      int[] acts = new int[batchSize];
      float[] logProbs = new float[batchSize];
      float[] rewards = new float[batchSize];
      float[] values = new float[batchSize];
      float[] nextValues = new float[batchSize];
      boolean[] terminated = new boolean[batchSize];
      boolean[] truncated = new boolean[batchSize];
      float[] advantages = new float[batchSize];
      float[] returns = new float[batchSize];

      VectorEnvironment.Batch batch = VectorEnvironment.Batch.of(n, d);
      env.reset(context.seed(), batch);
      float[] nextObs = batch.observations().clone();
      if (obsStats != null) {
        obsStats.update(nextObs, n);
        obsStats.normalize(nextObs, n);
      }
      double[] episodeReturn = new double[n];
      long[] episodeLength = new long[n];
      int[] stepActions = new int[n];
      float[] logProb = new float[1];
      long globalStep = 0;
      long nextEval = evalEvery > 0 ? evalEvery : Long.MAX_VALUE;

      for (long update = 1; update <= updates && !context.isCancelled(); update++) {
        if (p.annealLr()) {
          learner.setLearningRate(p.lr() * (1.0 - (update - 1.0) / updates));
        }
        // ---- rollout: num_steps × num_envs transitions with the current policy
        for (int t = 0; t < steps; t++) {
          System.arraycopy(nextObs, 0, obs, t * n * d, n * d);
          float[] logits = Inference.predict(actor, store, manager, nextObs, n, d);
          float[] v = Inference.predict(critic, store, manager, nextObs, n, d);
          for (int i = 0; i < n; i++) {
            int k = t * n + i;
            values[k] = v[i];
            if (t > 0 && !(terminated[k - n] || truncated[k - n])) {
              nextValues[k - n] = v[i]; // V(s_{t+1}) of the previous step
            }
            stepActions[i] = Categorical.sample(logits, i * actions, actions, rng, logProb);
            acts[k] = stepActions[i];
            logProbs[k] = logProb[0];
          }
          env.step(stepActions, batch);
          globalStep += n;
          System.arraycopy(batch.observations(), 0, nextObs, 0, n * d);
          float[] finals = batch.finalObservations();
          if (obsStats != null) {
            obsStats.update(nextObs, n);
            obsStats.normalize(nextObs, n);
          }
          boolean anyTruncated = false;
          for (int i = 0; i < n; i++) {
            int k = t * n + i;
            float reward = batch.rewards()[i];
            episodeReturn[i] += reward;
            episodeLength[i]++;
            if (returnStats != null) {
              discountedReturn[i] = discountedReturn[i] * p.gamma() + reward;
              returnStats.update(new float[] {(float) discountedReturn[i]}, 1);
              reward = (float) (reward / Math.sqrt(returnStats.variance(0) + 1e-8));
            }
            rewards[k] = reward;
            terminated[k] = batch.terminated()[i];
            truncated[k] = batch.truncated()[i];
            anyTruncated |= truncated[k];
            if (batch.done(i)) {
              context.log("charts/episodic_return", globalStep, episodeReturn[i]);
              context.log("charts/episode_length", globalStep, episodeLength[i]);
              episodeReturn[i] = 0;
              episodeLength[i] = 0;
              discountedReturn[i] = 0;
            }
          }
          if (anyTruncated) {
            bootstrapTruncated(t, n, d, finals, obsStats, truncated, nextValues, critic, store, manager);
          }
        }
        // V(s_T) bootstraps the last step of every copy that did not just end.
        float[] lastValues = Inference.predict(critic, store, manager, nextObs, n, d);
        for (int i = 0; i < n; i++) {
          int k = (steps - 1) * n + i;
          if (!(terminated[k] || truncated[k])) {
            nextValues[k] = lastValues[i];
          }
        }
        Gae.compute(steps, n, rewards, values, nextValues, terminated, truncated, p.gamma(), p.gaeLambda(), advantages);
        for (int k = 0; k < batchSize; k++) {
          returns[k] = advantages[k] + values[k];
        }

        // ---- optimisation: update_epochs passes over shuffled minibatches
        int[] order = new int[batchSize];
        for (int k = 0; k < batchSize; k++) {
          order[k] = k;
        }
        Diagnostics diag = new Diagnostics();
        for (int epoch = 0; epoch < p.updateEpochs(); epoch++) {
          shuffle(order, rng);
          for (int start = 0; start + minibatchSize <= batchSize; start += minibatchSize) {
            minibatch(start, minibatchSize, order, d, obs, acts, logProbs, advantages, returns, values, actor, critic, store,
                manager, learner, diag);
          }
        }
        context.log("losses/policy_loss", globalStep, diag.mean(diag.policyLoss));
        context.log("losses/value_loss", globalStep, diag.mean(diag.valueLoss));
        context.log("losses/entropy", globalStep, diag.mean(diag.entropy));
        context.log("losses/approx_kl", globalStep, diag.mean(diag.approxKl));
        context.log("losses/clipfrac", globalStep, diag.mean(diag.clipFraction));
        context.log("losses/grad_norm", globalStep, diag.mean(diag.gradNorm));
        context.log("losses/explained_variance", globalStep, explainedVariance(values, returns));
        context.log("charts/learning_rate", globalStep, learner.learningRate());
        if (globalStep >= nextEval) {
          context.log("eval/return", globalStep, evaluate(actor, store, manager, obsStats, evalEpisodes));
          nextEval += evalEvery;
        }
      }
      context.log("eval/return", globalStep, evaluate(actor, store, manager, obsStats, evalEpisodes));
    }
  }

  /** One Adam step on the PPO loss of the minibatch {@code order[start .. start+size)}. */
  private void minibatch(int start, int size, int[] order, int d, float[] obs, int[] acts, float[] logProbs,
      float[] advantages, float[] returns, float[] values, Block actor, Block critic, ParameterStore store,
      NDManager manager, Learner learner, Diagnostics diag) {
    float[] mbObs = new float[size * d];
    long[] mbActs = new long[size];
    float[] mbLogp = new float[size];
    float[] mbAdv = new float[size];
    float[] mbRet = new float[size];
    float[] mbVal = new float[size];
    for (int j = 0; j < size; j++) {
      int k = order[start + j];
      System.arraycopy(obs, k * d, mbObs, j * d, d);
      mbActs[j] = acts[k];
      mbLogp[j] = logProbs[k];
      mbAdv[j] = advantages[k];
      mbRet[j] = returns[k];
      mbVal[j] = values[k];
    }
    if (p.normAdv()) {
      normalize(mbAdv);
    }
    try (NDManager m = manager.newSubManager()) {
      NDArray x = m.create(mbObs, new Shape(size, d));
      NDArray a = m.create(mbActs);
      NDArray oldLogp = m.create(mbLogp);
      NDArray adv = m.create(mbAdv);
      NDArray ret = m.create(mbRet);
      NDArray oldV = m.create(mbVal);
      NDArray[] pieces = new NDArray[5];
      float eps = (float) p.clipEps();
      double gradNorm = learner.step(() -> {
        NDArray logits = actor.forward(store, new NDList(x), true).singletonOrThrow();
        NDArray newValue = critic.forward(store, new NDList(x), true).singletonOrThrow().reshape(-1);
        NDArray logRatio = Categorical.logProb(logits, a).sub(oldLogp);
        NDArray ratio = logRatio.exp();
        NDArray pgLoss = clippedSurrogateLoss(ratio, adv, eps);
        NDArray vLoss = valueLoss(newValue, oldV, ret, p.clipVloss() ? eps : Float.NaN);
        NDArray entropy = Categorical.entropy(logits).mean();
        pieces[0] = pgLoss;
        pieces[1] = vLoss;
        pieces[2] = entropy;
        pieces[3] = ratio.sub(1f).sub(logRatio).mean(); // approx KL, k3 estimator (Schulman 2020)
        pieces[4] = ratio.sub(1f).abs().gt(eps).toType(DataType.FLOAT32, false).mean();
        return pgLoss.sub(entropy.mul((float) p.entCoef())).add(vLoss.mul((float) p.vfCoef()));
      }, p.maxGradNorm());
      diag.add(pieces[0].getFloat(), pieces[1].getFloat(), pieces[2].getFloat(), pieces[3].getFloat(),
          pieces[4].getFloat(), gradNorm);
    }
  }

  /**
   * −L^CLIP = E[max(−Â r, −Â clip(r, 1 − ε, 1 + ε))]: the pessimistic (larger) of the two
   * negated surrogates, so a ratio pushed past the clip range earns no further gain.
   */
  static NDArray clippedSurrogateLoss(NDArray ratio, NDArray advantages, float eps) {
    NDArray negAdv = advantages.neg();
    return negAdv.mul(ratio).maximum(negAdv.mul(ratio.clip(1 - eps, 1 + eps))).mean();
  }

  /**
   * ½ E[(V − R)²]; with a finite {@code clipEps}, ½ E[max((V − R)², (V_old + clip(V − V_old, −ε, ε) − R)²)]
   * (rl-reference §3.4 exercise 2).
   */
  static NDArray valueLoss(NDArray newValue, NDArray oldValue, NDArray returns, float clipEps) {
    NDArray unclipped = newValue.sub(returns).square();
    if (Float.isNaN(clipEps)) {
      return unclipped.mean().mul(0.5f);
    }
    NDArray clipped = oldValue.add(newValue.sub(oldValue).clip(-clipEps, clipEps)).sub(returns).square();
    return unclipped.maximum(clipped).mean().mul(0.5f);
  }

  /** For copies truncated at step t: V(final observation) bootstraps the cut-off return. */
  private void bootstrapTruncated(int t, int n, int d, float[] finals, RunningMeanStd obsStats, boolean[] truncated,
      float[] nextValues, Block critic, ParameterStore store, NDManager manager) {
    float[] rows = finals.clone();
    if (obsStats != null) {
      obsStats.normalize(rows, n);
    }
    float[] v = Inference.predict(critic, store, manager, rows, n, d);
    for (int i = 0; i < n; i++) {
      if (truncated[t * n + i]) {
        nextValues[t * n + i] = v[i];
      }
    }
  }

  /** Mean return of {@code episodes} greedy episodes, one per copy of a fresh environment. */
  private double evaluate(Block actor, ParameterStore store, NDManager manager, RunningMeanStd obsStats, int episodes) {
    VectorEnvironment evalEnv = env.copy();
    int d = evalEnv.observationSize();
    int actions = evalEnv.actionCount();
    VectorEnvironment.Batch batch = VectorEnvironment.Batch.of(episodes, d);
    evalEnv.reset(context.seed() + 1_000_003L, batch); // seeds disjoint from training's
    double[] total = new double[episodes];
    boolean[] finished = new boolean[episodes];
    int remaining = episodes;
    int[] chosen = new int[episodes];
    float[] x = new float[episodes * d];
    while (remaining > 0 && !context.isCancelled()) {
      System.arraycopy(batch.observations(), 0, x, 0, x.length);
      if (obsStats != null) {
        obsStats.normalize(x, episodes);
      }
      float[] logits = Inference.predict(actor, store, manager, x, episodes, d);
      for (int i = 0; i < episodes; i++) {
        chosen[i] = Categorical.greedy(logits, i * actions, actions);
      }
      evalEnv.step(chosen, batch);
      for (int i = 0; i < episodes; i++) {
        if (!finished[i]) {
          total[i] += batch.rewards()[i];
          if (batch.done(i)) {
            finished[i] = true;
            remaining--;
          }
        }
      }
    }
    double sum = 0;
    for (double r : total) {
      sum += r;
    }
    return sum / episodes;
  }

  static double explainedVariance(float[] predicted, float[] target) {
    double meanT = 0;
    double meanR = 0;
    for (int k = 0; k < target.length; k++) {
      meanT += target[k];
      meanR += target[k] - predicted[k];
    }
    meanT /= target.length;
    meanR /= target.length;
    double varT = 0;
    double varR = 0;
    for (int k = 0; k < target.length; k++) {
      varT += (target[k] - meanT) * (target[k] - meanT);
      double r = target[k] - predicted[k] - meanR;
      varR += r * r;
    }
    return varT == 0 ? Double.NaN : 1 - varR / varT;
  }

  private static void normalize(float[] x) {
    double mean = 0;
    for (float v : x) {
      mean += v;
    }
    mean /= x.length;
    double var = 0;
    for (float v : x) {
      var += (v - mean) * (v - mean);
    }
    double std = Math.sqrt(var / Math.max(1, x.length - 1)); // torch's std is unbiased
    for (int k = 0; k < x.length; k++) {
      x[k] = (float) ((x[k] - mean) / (std + 1e-8));
    }
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
