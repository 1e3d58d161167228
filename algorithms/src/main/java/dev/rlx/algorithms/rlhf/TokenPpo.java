package dev.rlx.algorithms.rlhf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.rlx.algorithms.deep.ClippedSurrogate;
import dev.rlx.algorithms.deep.Gae;
import dev.rlx.algorithms.deep.Learner;
import dev.rlx.algorithms.deep.Scalars;
import dev.rlx.algorithms.lm.CausalLm;
import dev.rlx.algorithms.lm.Generation;
import dev.rlx.algorithms.lm.LmOps;
import dev.rlx.algorithms.lm.Sampling;
import dev.rlx.algorithms.lm.TokenBatch;
import dev.rlx.api.TextTask;
import dev.rlx.api.TrialContext;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * PPO for LLMs, each response token an action (references.md §7.3): the sequence reward r_φ(x, y)
 * arrives at the last response token, every token pays a KL penalty to the frozen reference,
 *
 * <pre>
 *   r_t = −β log(π_θ(y_t|s_t) / π_ref(y_t|s_t))  (+ r_φ(x, y) at t = T, the last response token)
 * </pre>
 *
 * advantages come from GAE over the response tokens with γ = 1 (§7.3: λ ≈ 0.95, γ ≈ 1), and the
 * loss is the clipped surrogate plus a value-head regression (the reference's core loop):
 *
 * <pre>
 *   L = −E_t[min(ρ_t Â_t, clip(ρ_t, 1 − ε, 1 + ε) Â_t)] + c_v · E_t[(V_ψ(s_t) − R̂_t)²],   c_v = 0.5
 * </pre>
 *
 * Steps of a trainer: {@link #rewards} (with the rollout's log-probabilities), {@link #advantages}
 * (with the value head's predictions at rollout), then {@link #loss} on each PPO epoch.
 */
public record TokenPpo(TokenPpoParams p, TextTask task, TrialContext context) implements PostTrainingAlgorithm {

  @Inject
  public TokenPpo {}

  /**
   * Stage 1: SFT warm start (with a value head), frozen as π_ref. Stage 2: a reward model
   * initialised from it and fit to {@code rm_pairs} preference pairs ({@code rm/...} metrics,
   * its held-out pairwise accuracy as {@code rm/pairwise_accuracy}), then frozen. Stage 3: per
   * batch, one response to each of {@code prompts_per_step} prompts, shaped per-token rewards
   * ({@link #rewards}), GAE with γ = 1 ({@link #advantages}), {@code update_epochs} steps on
   * {@link #loss}. A step of the budget is one generated token.
   */
  @Override
  public void train(long budget, PolicyTraining.EvaluationSchedule evaluations, SplittableRandom rng, NDManager manager) {
    Config config = new Config(p.clipEps(), p.vfCoef(), Double.NaN, LossAggregation.TOKEN_MEAN);
    int pad = task.vocabulary().pad();
    CausalLm policy = PolicyTraining.warmStart(p.transformer().config(task, true),
        task, p.sftSteps(), p.sftLr(), 32, rng.split(), manager);
    CausalLm reference = policy.copy().freeze();
    CausalLm rewardModel = null;
    if ("reward_model".equals(p.reward())) {
      rewardModel = policy.copy();
      RewardModel.HeldOutPairs heldOut =
          new RewardModel.HeldOutPairs(task, 512, TextEvaluator.evaluationSeed(context.seed()));
      RewardModel.fit(rewardModel, task, p.rewardModel(), p.rmPairs(), rng.split(), manager, context, "rm/",
          PolicyTraining.EvaluationSchedule.never(), seen -> { });
      rewardModel.freeze();
      context.log("rm/pairwise_accuracy", p.rmPairs(), heldOut.accuracy(rewardModel, manager));
    }
    Learner learner = new Learner(p.lr(), 1e-8, List.of(policy));
    TextEvaluator evaluator = new TextEvaluator(task, p.evalPrompts(), context.seed());
    evaluator.evaluate(policy, reference, manager).log(context, 0);
    Sampling sampling = new Sampling(task.maxResponseLength(), p.temperature(), 0);
    long generated = 0;
    while (generated < budget && !context.isCancelled()) {
      TextTask.Prompt[] drawn = new TextTask.Prompt[p.promptsPerStep()];
      int[][] prompts = new int[drawn.length][];
      for (int i = 0; i < drawn.length; i++) {
        drawn[i] = task.samplePrompt(rng);
        prompts[i] = drawn[i].tokens();
      }
      Generation generation = policy.generate(prompts, sampling, rng);
      generated += generation.tokenCount();
      float[] trueRewards = new float[drawn.length];
      for (int i = 0; i < drawn.length; i++) {
        trueRewards[i] = (float) task.reward(drawn[i], generation.tokens()[i]);
      }
      float[] scores = rewardModel == null ? trueRewards
          : RewardModel.score(rewardModel, prompts, generation.tokens(), pad, manager);
      TokenBatch batch = generation.batch(prompts, pad);
      Map<String, Double> metrics = new LinkedHashMap<>();
      try (NDManager step = manager.newSubManager()) {
        NDArray tokens = batch.tokens(step);
        NDArray mask = batch.responseMask(step);
        CausalLm.Output rollout = policy.forward(tokens);
        NDArray oldLogProbs = LmOps.tokenLogProbs(rollout.logits(), tokens);
        NDArray oldValues = rollout.values().get(":, :-1"); // V(s_t), s_t the prefix that predicts token t + 1
        NDArray refLogProbs = LmOps.tokenLogProbs(reference.logits(tokens), tokens);
        // r_t = −β log π_θ/π_ref, plus r_φ(x, y) at the last response token (§7.3)
        NDArray rewards = rewards(oldLogProbs, refLogProbs, mask, step.create(scores), p.beta());
        Advantages gae = advantages(rewards, oldValues, mask, 1.0, p.gaeLambda());
        NDArray advantages = p.normAdv() ? whiten(gae.advantages(), mask) : gae.advantages();
        double klPerResponse = LmOps.maskedSum(oldLogProbs.sub(refLogProbs), mask).mean().getFloat();
        double entropy = LmOps.maskedMean(LmOps.entropy(rollout.logits().get(":, :-1, :")), mask).getFloat();
        Learner.Step<Result> stepped = null;
        for (int epoch = 0; epoch < p.updateEpochs(); epoch++) {
          stepped = learner.step(() -> {
            CausalLm.Output now = policy.forward(tokens);
            return loss(LmOps.tokenLogProbs(now.logits(), tokens), oldLogProbs, advantages, now.values().get(":, :-1"),
                oldValues, gae.returns(), mask, config);
          }, p.maxGradNorm());
        }
        metrics.putAll(stepped.objective().metrics());
        metrics.put("losses/grad_norm", stepped.gradNorm());
        metrics.put("losses/entropy", entropy);
        metrics.put("charts/kl_ref", klPerResponse);
      }
      metrics.put("charts/reward", mean(scores));
      metrics.put("charts/true_reward", mean(trueRewards));
      metrics.put("charts/response_length", (double) generation.tokenCount() / drawn.length);
      PolicyTraining.log(context, generated, metrics);
      if (evaluations.due(generated)) {
        evaluator.evaluate(policy, reference, manager).log(context, generated);
      }
    }
  }

  @Override
  public BudgetUnit budgetUnit() {
    return new BudgetUnit("ppo-rlhf", "generated tokens");
  }

  /** (Â − mean) / (std + 1e-8) over the response tokens of the batch; 0 on padding. */
  static NDArray whiten(NDArray advantages, NDArray mask) {
    NDArray mean = LmOps.maskedMean(advantages, mask);
    NDArray centred = advantages.sub(mean).mul(mask);
    NDArray std = LmOps.maskedMean(centred.square(), mask).sqrt();
    return centred.div(std.add(1e-8f));
  }

  private static double mean(float[] values) {
    double sum = 0;
    for (float v : values) {
      sum += v;
    }
    return sum / Math.max(1, values.length);
  }


  /**
   * @param eps clip range ε
   * @param valueCoef c_v (0.5 in §7.3)
   * @param valueClip NaN for the reference's plain MSE; finite to also clip V − V_old to ±valueClip
   *     and take the larger error, as {@code Ppo.valueLoss}
   * @param aggregation how per-token terms are averaged; TOKEN_MEAN is the reference's
   *     {@code .mean()} over all tokens
   */
  public record Config(double eps, double valueCoef, double valueClip, LossAggregation aggregation) {

    public Config {
      if (!(eps > 0 && eps < 1)) {
        throw new IllegalArgumentException("eps must lie in (0, 1) (0.2 is usual), found " + eps);
      }
      if (!(valueCoef >= 0) || Double.isInfinite(valueCoef)) {
        throw new IllegalArgumentException("valueCoef must be ≥ 0 and finite (0.5 in §7.3), found " + valueCoef);
      }
      if (!Double.isNaN(valueClip) && !(valueClip > 0)) {
        throw new IllegalArgumentException("valueClip must be NaN (off) or > 0, found " + valueClip);
      }
      if (aggregation == null) {
        throw new IllegalArgumentException("aggregation is required, e.g. TOKEN_MEAN");
      }
    }

    /** ε = 0.2, c_v = 0.5, unclipped value loss, token mean: §7.3's core loop. */
    public static Config defaults() {
      return new Config(0.2, 0.5, Double.NaN, LossAggregation.TOKEN_MEAN);
    }
  }

  /** GAE's outputs, [B, T] each, zero on padding. */
  public record Advantages(NDArray advantages, NDArray returns) {}

  /**
   * The shaped per-token rewards [B, T], a constant (no gradient): −β (log π_θ − log π_ref) on
   * every response token (the k1 estimate of §7.3's formula), plus r_φ on the last one (the
   * highest index where the mask is 1), 0 on padding.
   *
   * @param logProbs log π_θ of the sampled tokens at rollout, [B, T]
   * @param refLogProbs log π_ref of the same tokens, [B, T]
   * @param sequenceRewards r_φ(x, y), [B]
   */
  public static NDArray rewards(NDArray logProbs, NDArray refLogProbs, NDArray mask, NDArray sequenceRewards,
      double beta) {
    Shape shape = Tensors.requireTokens("logProbs", logProbs);
    Tensors.requireShape("sequenceRewards", sequenceRewards, new Shape(shape.get(0)), "one reward per sequence");
    if (!(beta >= 0) || Double.isInfinite(beta)) {
      throw new IllegalArgumentException("beta must be ≥ 0 and finite (≈ 0.02–0.05 in §7.3), found " + beta);
    }
    NDArray m = Tensors.maskLike(mask, logProbs);
    NDArray klPenalty = Scalars.mul(KlEstimator.K1.perToken(logProbs.stopGradient(), refLogProbs, mask), -beta);
    NDArray last = lastTokenIndicator(m);
    return klPenalty.add(last.mul(sequenceRewards.stopGradient().toType(logProbs.getDataType(), false)
        .reshape(shape.get(0), 1)));
  }

  /** [B, T]: 1 at the last position of each row where the mask is 1, else 0 (all 0 for an empty row). */
  static NDArray lastTokenIndicator(NDArray m) {
    long t = m.getShape().get(1);
    NDManager manager = m.getManager();
    NDArray positions = manager.arange(1f, t + 1f).toType(m.getDataType(), false); // 1 … T
    NDArray lastIndex = m.mul(positions).argMax(1);
    return lastIndex.oneHot((int) t, m.getDataType()).mul(m);
  }

  /**
   * GAE over each row's response tokens (the positions where the mask is 1, in order), γ and λ
   * as given (γ = 1 in §7.3): δ_t = r_t + γ V_next − V_t, Â_t = δ_t + γλ Â_next, where "next" is
   * the row's next response token and V_next = 0 after its last one (the episode ends with the
   * response). Padding is skipped, also between response tokens, and gets Â = R̂ = 0.
   * Returns R̂_t = Â_t + V_t. The recursion is {@link Gae#overMask} (§6.6).
   *
   * @param rewards per-token rewards [B, T] ({@link #rewards})
   * @param values V_ψ(s_t) from the value head at rollout, [B, T]
   */
  public static Advantages advantages(NDArray rewards, NDArray values, NDArray mask, double gamma, double lambda) {
    Shape shape = Tensors.requireTokens("rewards", rewards);
    Tensors.requireShape("values", values, shape, "value predictions per token");
    Tensors.requireShape("mask", mask, shape, "the response mask");
    if (!(gamma >= 0 && gamma <= 1) || !(lambda >= 0 && lambda <= 1)) {
      throw new IllegalArgumentException("gamma and lambda must lie in [0, 1] (§7.3: γ = 1, λ = 0.95), found gamma="
          + gamma + ", lambda=" + lambda);
    }
    int b = (int) shape.get(0);
    int t = (int) shape.get(1);
    float[] r = rewards.stopGradient().toType(DataType.FLOAT32, false).toFloatArray();
    float[] v = values.stopGradient().toType(DataType.FLOAT32, false).toFloatArray();
    float[] m = mask.toType(DataType.FLOAT32, false).toFloatArray();
    float[] adv = new float[b * t];
    float[] ret = new float[b * t];
    Gae.overMask(b, t, r, v, m, gamma, lambda, adv, ret);
    NDManager manager = rewards.getManager();
    return new Advantages(manager.create(adv, shape).toType(rewards.getDataType(), false),
        manager.create(ret, shape).toType(rewards.getDataType(), false));
  }

  /**
   * @param logProbs log π_θ of the rollout's tokens now, [B, T]
   * @param oldLogProbs log π_θold at rollout, [B, T]
   * @param advantages Â [B, T]
   * @param values V_ψ(s_t) now, [B, T] (differentiable)
   * @param oldValues V at rollout, [B, T]; used only when valueClip is finite (may be null otherwise)
   * @param returns R̂ [B, T]
   */
  public static Result loss(NDArray logProbs, NDArray oldLogProbs, NDArray advantages, NDArray values,
      NDArray oldValues, NDArray returns, NDArray mask, Config config) {
    Shape shape = Tensors.requireTokens("logProbs", logProbs);
    Tensors.requireShape("oldLogProbs", oldLogProbs, shape, "the rollout's log-probabilities");
    Tensors.requireShape("advantages", advantages, shape, "per-token advantages");
    Tensors.requireShape("values", values, shape, "the value head's predictions");
    Tensors.requireShape("returns", returns, shape, "per-token returns");
    Tensors.requireShape("mask", mask, shape, "the response mask");
    NDArray m = Tensors.maskLike(mask, logProbs);
    NDArray keep = Tensors.keep(mask);

    NDArray logRatio = Tensors.onMask(logProbs, keep).sub(Tensors.onMask(oldLogProbs.stopGradient(), keep));
    NDArray ratio = logRatio.exp();
    NDArray policyTerm = ClippedSurrogate.perElement(ratio, Tensors.onMask(advantages.stopGradient(), keep),
        config.eps(), config.eps());
    NDArray policyLoss = config.aggregation().aggregate(policyTerm, m);

    NDArray target = Tensors.onMask(returns.stopGradient(), keep);
    NDArray v = Tensors.onMask(values, keep);
    NDArray valueTerm = v.sub(target).square();
    if (!Double.isNaN(config.valueClip())) {
      Tensors.requireShape("oldValues", oldValues, shape, "the value head's predictions at rollout (valueClip is set)");
      NDArray old = Tensors.onMask(oldValues.stopGradient(), keep);
      float c = (float) config.valueClip();
      valueTerm = valueTerm.maximum(v.sub(old).clip(-c, c).add(old).sub(target).square());
    }
    NDArray valueLoss = config.aggregation().aggregate(valueTerm, m);
    NDArray loss = policyLoss.add(Scalars.mul(valueLoss, config.valueCoef()));
    return new Result(loss, Tensors.scalar(policyLoss), Tensors.scalar(valueLoss),
        RatioStats.of(logRatio, Tensors.onMask(oldLogProbs, keep), advantages, m, config.eps(), config.eps()));
  }

  /**
   * @param loss policy loss + c_v · value loss, differentiable
   * @param policyLoss −E[min(ρÂ, clip(ρ)Â)]
   * @param valueLoss E[(V − R̂)²] (clipped form when configured)
   * @param ratio statistics of ρ
   */
  public record Result(NDArray loss, double policyLoss, double valueLoss, RatioStats ratio)
      implements PolicyTraining.Objective {

    /** losses/loss, losses/policy_loss, losses/value_loss, then {@link RatioStats}' keys. */
    public Map<String, Double> metrics() {
      return ratio.metrics(loss, policyLoss, "losses/value_loss", valueLoss);
    }
  }
}
