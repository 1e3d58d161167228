package dev.rlx.algorithms.rlhf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.rlx.algorithms.deep.ClippedSurrogate;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Group-relative policy optimisation (references.md §7.6; Shao et al. 2024, DeepSeekMath): PPO's
 * clipped surrogate with a group-relative advantage ({@link GroupAdvantages}) in place of a
 * critic, and the KL to the frozen reference as a term of the loss rather than of the reward:
 *
 * <pre>
 *   ρ_t    = π_θ(y_t|·) / π_θold(y_t|·)
 *   ℓ_t    = −min(ρ_t A_i, clip(ρ_t, 1 − ε_low, 1 + ε_high) A_i) + β k_t        k_t: {@link KlEstimator}
 *   L_GRPO = aggregate(ℓ, mask)                                                 {@link LossAggregation}
 * </pre>
 *
 * GRPO proper has ε_low = ε_high = ε and the per-sequence mean ({@link Config#grpo}); DAPO's
 * clip-higher and token-level mean are the same function with another {@link Config}
 * ({@code Dapo.config}).
 */
public record Grpo(GrpoParams p, TextTask task, TrialContext context) implements PostTrainingAlgorithm {

  @Inject
  public Grpo {}

  /** One update's rollouts: prompts repeated K times, their completions, rewards and advantages. */
  private record Rollouts(int[][] prompts, int[][] responses, float[][] oldLogProbs, float[] rewards, float[] scores,
      float[] advantages, long tokens, int groups, int filteredGroups, int degenerateGroups) {}

  /**
   * SFT warm start → π_ref = frozen copy → per update: K completions for each of
   * {@code prompts_per_step} prompts, verifier rewards, group-relative advantages, μ passes of
   * {@code num_minibatches} gradient steps on L_GRPO. A step of the budget is one generated
   * token, so that group sizes compare at equal generation compute (§7.6 exercise 3).
   */
  @Override
  public void train(long budget, PolicyTraining.EvaluationSchedule evaluations, SplittableRandom rng, NDManager manager) {
    Config config = new Config(p.clipEps(), p.clipEpsHigh(), p.beta(), p.klEstimator(), p.lossAggregation());
    CausalLm policy = p.lm().warmStart(task, 32, rng.split(), manager);
    CausalLm reference = policy.copy().freeze();
    Learner learner = new Learner(p.lr(), 1e-8, List.of(policy));
    TextEvaluator evaluator = new TextEvaluator(task, p.lm().evalPrompts(), context.seed());
    evaluator.evaluate(policy, reference, manager).log(context, 0);
    Sampling sampling = new Sampling(task.maxResponseLength(), p.temperature(), 0);
    long generated = 0;
    while (generated < budget && !context.isCancelled()) {
      Rollouts rollouts = rollouts(policy, sampling, rng);
      generated += rollouts.tokens();
      double entropy = 0;
      double gradNorm = 0;
      Map<String, Double> lossMetrics = Map.of();
      if (rollouts.groups() > 0) {
        try (NDManager step = manager.newSubManager()) {
          List<Minibatch> minibatches = minibatches(rollouts, reference, rng, step);
          Result last = null;
          for (int epoch = 0; epoch < p.updateEpochs(); epoch++) {
            for (Minibatch mb : minibatches) {
              boolean first = epoch == 0;
              Learner.Step<WithEntropy> stepped = learner.step(() -> {
                NDArray logits = policy.logits(mb.tokens());
                // the policy's entropy at sampling time: read on the first pass, from the same logits
                double h = first ? LmOps.maskedMean(LmOps.entropy(logits.get(":, :-1, :")), mb.mask()).getFloat() : 0;
                // ℓ_t = −min(ρ_t A_i, clip(ρ_t, 1 − ε_low, 1 + ε_high) A_i) + β k_t   (§7.6, §7.7)
                return new WithEntropy(loss(LmOps.tokenLogProbs(logits, mb.tokens()), mb.oldLogProbs(), mb.refLogProbs(),
                    mb.mask(), mb.advantages(), config), h);
              }, p.lm().maxGradNorm());
              gradNorm = stepped.gradNorm();
              last = stepped.objective().result();
              entropy += stepped.objective().entropy() / minibatches.size();
            }
          }
          lossMetrics = new LinkedHashMap<>(last.metrics()); // read before the step's arrays are freed
          // the KL term's value once more under a key that names its estimator, e.g. losses/kl_ref_k3
          lossMetrics.put("losses/kl_ref_" + p.klEstimator().name().toLowerCase(Locale.ROOT),
              last.klToReference());
        }
      }
      log(rollouts, lossMetrics, entropy, gradNorm, generated);
      if (evaluations.due(generated)) {
        evaluator.evaluate(policy, reference, manager).log(context, generated);
      }
    }
  }

  @Override
  public BudgetUnit budgetUnit() {
    return new BudgetUnit("grpo (and dapo)", "generated tokens");
  }

  /** A minibatch step's objective: L_GRPO, and the policy's entropy on the first pass (0 on later ones). */
  private record WithEntropy(Result result, double entropy) implements Learner.Objective {
    @Override
    public NDArray loss() {
      return result.loss();
    }
  }

  /** One minibatch's tensors: its groups' tokens, response mask, sampling and reference log-probs, advantages. */
  private record Minibatch(NDArray tokens, NDArray mask, NDArray oldLogProbs, NDArray refLogProbs, NDArray advantages) {}

  /**
   * The batch cut into {@code num_minibatches} minibatches of whole groups (a group's advantages
   * are relative to each other), in an order shuffled once per batch; one minibatch, the whole
   * batch in sampling order, draws nothing from the generator.
   */
  private List<Minibatch> minibatches(Rollouts rollouts, CausalLm reference, SplittableRandom rng, NDManager step) {
    int k = p.groupSize();
    int groups = rollouts.groups();
    int count = Math.min(p.numMinibatches(), groups);
    int[] order = new int[groups];
    for (int g = 0; g < groups; g++) {
      order[g] = g;
    }
    if (count > 1) {
      for (int g = groups - 1; g > 0; g--) {
        int j = rng.nextInt(g + 1);
        int tmp = order[g];
        order[g] = order[j];
        order[j] = tmp;
      }
    }
    List<Minibatch> out = new ArrayList<>();
    for (int b = 0; b < count; b++) {
      int from = b * groups / count;
      int to = (b + 1) * groups / count;
      int rows = (to - from) * k;
      int[][] prompts = new int[rows][];
      int[][] responses = new int[rows][];
      float[][] oldLogProbs = new float[rows][];
      float[] advantages = new float[rows];
      for (int g = from; g < to; g++) {
        for (int i = 0; i < k; i++) {
          int src = order[g] * k + i;
          int dst = (g - from) * k + i;
          prompts[dst] = rollouts.prompts()[src];
          responses[dst] = rollouts.responses()[src];
          oldLogProbs[dst] = rollouts.oldLogProbs()[src];
          advantages[dst] = rollouts.advantages()[src];
        }
      }
      TokenBatch batch = TokenBatch.of(prompts, responses, task.vocabulary().pad());
      NDArray tokens = batch.tokens(step);
      out.add(new Minibatch(tokens, batch.responseMask(step), aligned(oldLogProbs, batch, step),
          LmOps.tokenLogProbs(reference.logits(tokens), tokens), step.create(advantages)));
    }
    return out;
  }

  /**
   * Samples K completions for each of {@code prompts_per_step} prompts and scores them. With
   * dynamic sampling (DAPO) a group whose rewards are all equal carries no gradient: it is
   * dropped and fresh prompts are sampled until the batch is full or the refill rounds run out
   * (every sampled token counts towards the budget).
   */
  private Rollouts rollouts(CausalLm policy, Sampling sampling, SplittableRandom rng) {
    int k = p.groupSize();
    List<int[]> prompts = new ArrayList<>();
    List<int[]> responses = new ArrayList<>();
    List<float[]> oldLogProbs = new ArrayList<>();
    List<Float> rewards = new ArrayList<>();
    List<Float> scores = new ArrayList<>();
    long tokens = 0;
    int groups = 0;
    int filtered = 0;
    int degenerate = 0;
    for (int round = 0; round <= (p.dynamicSampling() ? p.maxRefillRounds() : 0) && groups < p.promptsPerStep(); round++) {
      int wanted = p.promptsPerStep() - groups;
      TextTask.Prompt[] drawn = new TextTask.Prompt[wanted];
      int[][] rows = new int[wanted * k][];
      for (int g = 0; g < wanted; g++) {
        drawn[g] = task.samplePrompt(rng);
        for (int i = 0; i < k; i++) {
          rows[g * k + i] = drawn[g].tokens();
        }
      }
      Generation generation = policy.generate(rows, sampling, rng);
      tokens += generation.tokenCount();
      float[] groupRewards = new float[rows.length];
      float[] groupScores = new float[rows.length];
      for (int r = 0; r < rows.length; r++) {
        int[] response = generation.tokens()[r];
        groupScores[r] = (float) task.reward(drawn[r / k], response);
        // DAPO's overlong shaping: a soft penalty in the last L_cache tokens before the limit (§7.7).
        groupRewards[r] = groupScores[r] + (p.overlongCache() > 0
            ? (float) OverlongPenalty.of(generation.lengths()[r], task.maxResponseLength(), p.overlongCache()) : 0f);
      }
      boolean[] informative = GroupAdvantages.informativeGroups(groupRewards, k);
      boolean[] keep = p.dynamicSampling() ? informative : allTrue(wanted);
      for (int g = 0; g < wanted; g++) {
        degenerate += informative[g] ? 0 : 1;
        if (!keep[g]) {
          filtered++;
          continue;
        }
        groups++;
        for (int i = g * k; i < (g + 1) * k; i++) {
          prompts.add(rows[i]);
          responses.add(generation.tokens()[i]);
          oldLogProbs.add(generation.logProbs()[i]);
          rewards.add(groupRewards[i]);
          scores.add(groupScores[i]);
        }
      }
    }
    float[] r = toArray(rewards);
    // A_i = (r_i − mean(r)) / (std(r) + ε) within each group of K (§7.6)
    float[] advantages = groups > 0 ? GroupAdvantages.compute(r, k, p.advantageScale(), GroupAdvantages.EPS) : new float[0];
    return new Rollouts(prompts.toArray(int[][]::new), responses.toArray(int[][]::new), oldLogProbs.toArray(float[][]::new),
        r, toArray(scores), advantages, tokens, groups, filtered, degenerate);
  }

  /** The sampling log-probs of each generated token placed where {@link LmOps#tokenLogProbs} predicts it. */
  private static NDArray aligned(float[][] generatedLogProbs, TokenBatch batch, NDManager manager) {
    int w = batch.width() - 1;
    float[] out = new float[batch.rows() * w];
    for (int i = 0; i < batch.rows(); i++) {
      int n = batch.lengths()[i] - batch.promptLengths()[i];
      // response token j sits at position promptLength + j and is predicted at position promptLength + j − 1
      System.arraycopy(generatedLogProbs[i], 0, out, i * w + batch.promptLengths()[i] - 1, n);
    }
    return manager.create(out, new ai.djl.ndarray.types.Shape(batch.rows(), w));
  }

  private void log(Rollouts rollouts, Map<String, Double> lossMetrics, double entropy, double gradNorm, long step) {
    double reward = 0;
    double correct = 0;
    double length = 0;
    for (int i = 0; i < rollouts.scores().length; i++) {
      reward += rollouts.rewards()[i];
      correct += rollouts.scores()[i] >= 1 ? 1 : 0;
      length += rollouts.responses()[i].length;
    }
    int n = Math.max(1, rollouts.scores().length);
    int sampled = rollouts.groups() + rollouts.filteredGroups();
    context.log("charts/reward", step, reward / n);
    context.log("charts/accuracy", step, correct / n);
    context.log("charts/response_length", step, length / n);
    // groups whose K rewards are all equal have zero advantage: no gradient (§7.6 exercise 3)
    context.log("charts/degenerate_groups_fraction", step, (double) rollouts.degenerateGroups() / sampled);
    context.log("charts/filtered_groups_fraction", step, (double) rollouts.filteredGroups() / sampled);
    context.log("charts/generated_tokens", step, step);
    if (!lossMetrics.isEmpty()) {
      PolicyTraining.log(context, step, lossMetrics);
      context.log("losses/entropy", step, entropy);
      context.log("losses/grad_norm", step, gradNorm);
    }
  }

  private static boolean[] allTrue(int n) {
    boolean[] all = new boolean[n];
    Arrays.fill(all, true);
    return all;
  }

  private static float[] toArray(List<Float> values) {
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }


  /**
   * @param epsLow ρ is clipped below at 1 − ε_low
   * @param epsHigh ρ is clipped above at 1 + ε_high (= ε_low in GRPO; larger in DAPO)
   * @param beta weight of the KL-to-reference term (0 turns it off; the reference may then be null)
   * @param klEstimator how the per-token KL is estimated
   * @param aggregation how per-token losses are averaged
   */
  public record Config(double epsLow, double epsHigh, double beta, KlEstimator klEstimator,
      LossAggregation aggregation) {

    public Config {
      if (!(epsLow > 0 && epsLow < 1)) {
        throw new IllegalArgumentException("epsLow must lie in (0, 1) so that 1 − ε_low > 0, found " + epsLow);
      }
      Tensors.requirePositive("epsHigh", epsHigh);
      if (!(beta >= 0) || Double.isInfinite(beta)) {
        throw new IllegalArgumentException("beta must be ≥ 0 and finite (0.04 in §7.6's exercise), found " + beta);
      }
      if (klEstimator == null || aggregation == null) {
        throw new IllegalArgumentException("klEstimator and aggregation are required, e.g. K3 and SEQUENCE_MEAN");
      }
    }

    /** GRPO as published: symmetric clip ε, KL weight β with the k3 estimator (DeepSeekMath eq. 4), per-sequence mean. */
    public static Config grpo(double eps, double beta) {
      return new Config(eps, eps, beta, KlEstimator.K3, LossAggregation.SEQUENCE_MEAN);
    }
  }

  /**
   * @param logProbs log π_θ of the sampled response tokens, [B, T]
   * @param oldLogProbs log π_θold of the same tokens (the sampling policy), [B, T]
   * @param refLogProbs log π_ref, [B, T]; may be null when β = 0
   * @param mask response-token mask, [B, T]
   * @param advantages A_i per sequence [B] (broadcast over tokens) or per token [B, T]
   */
  public static Result loss(NDArray logProbs, NDArray oldLogProbs, NDArray refLogProbs, NDArray mask,
      NDArray advantages, Config config) {
    Shape shape = Tensors.requireTokens("logProbs", logProbs);
    Tensors.requireShape("oldLogProbs", oldLogProbs, shape, "the sampling policy's log-probabilities");
    Tensors.requireShape("mask", mask, shape, "the response mask");
    NDArray keep = Tensors.keep(mask);
    NDArray adv = tokenAdvantages(advantages, shape, keep);
    NDArray m = Tensors.maskLike(mask, logProbs);

    NDArray logRatio = Tensors.onMask(logProbs, keep).sub(Tensors.onMask(oldLogProbs.stopGradient(), keep));
    NDArray ratio = logRatio.exp();
    NDArray policyTerm = ClippedSurrogate.perElement(ratio, adv, config.epsLow(), config.epsHigh());
    NDArray perToken = policyTerm;
    double klRef = Double.NaN;
    if (config.beta() > 0) {
      if (refLogProbs == null) {
        throw new IllegalArgumentException("refLogProbs is required when beta > 0 (beta = " + config.beta() + ")");
      }
      NDArray kl = config.klEstimator().perToken(logProbs, refLogProbs, m);
      perToken = policyTerm.add(Scalars.mul(kl, config.beta()));
      klRef = Tensors.scalar(LossAggregation.TOKEN_MEAN.aggregate(kl, m));
    } else if (refLogProbs != null) {
      NDArray kl = config.klEstimator().perToken(logProbs.stopGradient(), refLogProbs, m);
      klRef = Tensors.scalar(LossAggregation.TOKEN_MEAN.aggregate(kl, m));
    }
    NDArray loss = config.aggregation().aggregate(perToken, m);
    double policyLoss = Tensors.scalar(config.aggregation().aggregate(policyTerm, m));
    return new Result(loss, policyLoss, klRef, RatioStats.of(logRatio, Tensors.onMask(oldLogProbs, keep), adv, m, config.epsLow(),
        config.epsHigh()));
  }

  static NDArray tokenAdvantages(NDArray advantages, Shape shape, NDArray keep) {
    if (advantages != null && advantages.getShape().equals(new Shape(shape.get(0)))) {
      return advantages.stopGradient().reshape(shape.get(0), 1); // every token of y_i inherits A_i
    }
    Tensors.requireShape("advantages", advantages, shape, "advantages per token (or per sequence, [B])");
    return Tensors.onMask(advantages.stopGradient(), keep);
  }

  /**
   * @param loss the scalar loss, differentiable
   * @param policyLoss the clipped-surrogate part alone, aggregated the same way
   * @param klToReference token mean of the chosen KL estimator to π_ref (NaN without a reference)
   * @param ratio statistics of ρ
   */
  public record Result(NDArray loss, double policyLoss, double klToReference, RatioStats ratio)
      implements PolicyTraining.Objective {

    /** losses/loss, losses/policy_loss, losses/kl_ref, then {@link RatioStats}' keys. */
    public Map<String, Double> metrics() {
      return ratio.metrics(loss, policyLoss, "losses/kl_ref", klToReference);
    }
  }
}
