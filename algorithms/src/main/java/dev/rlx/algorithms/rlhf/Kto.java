package dev.rlx.algorithms.rlhf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.rlx.algorithms.deep.Learner;
import dev.rlx.algorithms.deep.Scalars;
import dev.rlx.algorithms.lm.CausalLm;
import dev.rlx.algorithms.lm.Sampling;
import dev.rlx.algorithms.lm.TokenBatch;
import dev.rlx.api.TextTask;
import dev.rlx.api.TrialContext;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Kahneman–Tversky optimisation on unpaired thumbs-up / thumbs-down data (references.md §7.5;
 * Ethayarajh et al. 2024), exactly as the reference writes it:
 *
 * <pre>
 *   r_θ(x, y) = β log π_θ(y|x) / π_ref(y|x)
 *   z_0       = E_{y'∼π_θ}[ r_θ(x, y') ]   estimated in batch
 *   L_KTO     = λ_D (1 − σ(β (r_θ − z_0)))   y desirable
 *               λ_U (1 − σ(β (z_0 − r_θ)))   y undesirable,      averaged over the batch
 * </pre>
 *
 * <b>β appears twice</b>, inside r_θ and again in the sigmoid, in the reference's equation and
 * its code alike; the KTO paper (and TRL) uses the raw log-ratio and one β. The two agree with
 * β_paper = β². Pass β = √β_paper (≈ 0.316 for the paper's 0.1) to reproduce the paper's scale.
 *
 * <p><b>z_0</b> follows the reference's text and code: the batch mean of the implicit reward over
 * the batch's own completions, {@code r.detach().mean()} — not the paper's estimate from
 * mismatched (x, y') pairs. It is detached (a constant, so no gradient flows through the
 * reference point) and, as in the paper, clamped at ≥ 0 (it estimates a KL, which is ≥ 0; the
 * reference's code does not clamp). A trainer that has a mismatched-pair estimate can pass it
 * through {@link #loss(NDArray, NDArray, NDArray, double, double, double, double)}.
 *
 * <p>As an algorithm ({@code kto}): an SFT warm start frozen as π_ref, then epochs over a fixed
 * set of labelled responses from the task; logs z_0, the per-class losses and implicit rewards,
 * and the held-out evaluation ({@link TextEvaluator}).
 */
public record Kto(KtoParams p, TextTask task, TrialContext context) implements PostTrainingAlgorithm {

  @Inject
  public Kto {}

  /**
   * SFT warm start → π_ref = frozen copy → epochs over a fixed set of {@code dataset_size}
   * labelled responses, one step per batch on L_KTO with z_0 from the batch. A step of the
   * budget is one labelled response.
   */
  @Override
  public void train(long budget, PolicyTraining.EvaluationSchedule evaluations, SplittableRandom rng, NDManager manager) {
    CausalLm policy = p.lm().warmStart(task, 32, rng.split(), manager);
    CausalLm reference = policy.copy().freeze();
    int n = p.datasetSize();
    TextTask.LabeledResponse[] examples = switch (p.responses()) {
      case "task" -> taskResponses(task, n, rng.split());
      case "pairs" -> pairResponses(task, reference, n, rng.split());
      default -> referenceResponses(task, reference, n, rng.split());
    };
    int[][] prompts = new int[n][];
    int[][] responses = new int[n][];
    float[] desirable = new float[n];
    for (int i = 0; i < n; i++) {
      prompts[i] = examples[i].prompt().tokens();
      responses[i] = examples[i].response();
      desirable[i] = examples[i].desirable() ? 1 : 0;
    }
    int pad = task.vocabulary().pad();
    float[] refLogProbs = PolicyTraining.frozenLogProbs(reference, prompts, responses, pad, manager);
    Learner learner = new Learner(p.lr(), 1e-8, List.of(policy));
    TextEvaluator evaluator = new TextEvaluator(task, p.lm().evalPrompts(), context.seed());
    evaluator.evaluate(policy, reference, manager).log(context, 0);
    PolicyTraining.Epochs epochs = new PolicyTraining.Epochs(n, rng.split());
    new OfflineTraining(context, learner, budget, p.batchSize(), p.lm().maxGradNorm(), 16).run((b, step) -> {
      int[] rows = epochs.next(b);
      TokenBatch batch = TokenBatch.of(PolicyTraining.rows(prompts, rows), PolicyTraining.rows(responses, rows), pad);
      NDArray tokens = batch.tokens(step);
      NDArray mask = batch.responseMask(step);
      NDArray ref = step.create(PolicyTraining.rows(refLogProbs, rows));
      NDArray labels = step.create(PolicyTraining.rows(desirable, rows));
      // λ_D (1 − σ(β(r_θ − z_0))) for desirable y, λ_U (1 − σ(β(z_0 − r_θ))) for undesirable (§7.5)
      return () -> loss(PolicyTraining.sequenceLogProbs(policy, tokens, mask), ref, labels, p.beta(), p.lambdaD(),
          p.lambdaU());
    }, OfflineTraining.diagnostics(context), evaluations,
        seen -> evaluator.evaluate(policy, reference, manager).log(context, seen), manager);
  }

  @Override
  public BudgetUnit budgetUnit() {
    return new BudgetUnit("kto", "labelled responses");
  }

  /** The task's own labelled responses. */
  private static TextTask.LabeledResponse[] taskResponses(TextTask task, int count, SplittableRandom rng) {
    TextTask.LabeledResponse[] examples = new TextTask.LabeledResponse[count];
    for (int i = 0; i < count; i++) {
      examples[i] = task.labeledResponse(rng);
    }
    return examples;
  }

  /**
   * A preference dataset turned into KTO data (references.md §7.5 exercise 1): pairs of π_ref
   * samples ranked by the task's annotator ({@link Dpo#referencePairs}), the winner of each
   * labelled desirable and the loser undesirable, whether or not either is correct. The class
   * split comes from dropping pairs' winners (or losers): of max(|D|, |U|) pairs, the first |D|
   * give their winner and the first |U| their loser, |D| = round(n · desirable_fraction).
   */
  static TextTask.LabeledResponse[] pairResponses(TextTask task, CausalLm reference, int count, SplittableRandom rng) {
    int wantDesirable = (int) Math.round(count * task.desirableFraction());
    int wantUndesirable = count - wantDesirable;
    TextTask.PreferencePair[] pairs = Dpo.referencePairs(task, reference, Math.max(wantDesirable, wantUndesirable), rng);
    TextTask.LabeledResponse[] examples = new TextTask.LabeledResponse[count];
    for (int i = 0; i < wantDesirable; i++) {
      examples[i] = new TextTask.LabeledResponse(pairs[i].prompt(), pairs[i].chosen(), true, pairs[i].flipped());
    }
    for (int i = 0; i < wantUndesirable; i++) {
      examples[wantDesirable + i] = new TextTask.LabeledResponse(pairs[i].prompt(), pairs[i].rejected(), false,
          pairs[i].flipped());
    }
    return examples;
  }

  /**
   * Labelled data as KTO's is collected (Ethayarajh et al. 2024): one sample of π_ref per
   * prompt, judged by the task's annotator, drawn until {@code desirable_fraction} of the
   * dataset is correct responses and the rest wrong ones (label noise is applied after the
   * draw, so the classes are split by true correctness). Fails, naming the numbers, when π_ref
   * does not give enough of one class within {@value #SAMPLING_ROUNDS} rounds.
   */
  static TextTask.LabeledResponse[] referenceResponses(TextTask task, CausalLm reference, int count,
      SplittableRandom rng) {
    int wantDesirable = (int) Math.round(count * task.desirableFraction());
    int wantUndesirable = count - wantDesirable;
    List<TextTask.LabeledResponse> good = new ArrayList<>();
    List<TextTask.LabeledResponse> bad = new ArrayList<>();
    Sampling sampling = Sampling.of(task.maxResponseLength());
    int sampled = 0;
    for (int round = 0; round < SAMPLING_ROUNDS && (good.size() < wantDesirable || bad.size() < wantUndesirable); round++) {
      TextTask.Prompt[] drawn = new TextTask.Prompt[Math.max(64, count)];
      int[][] rows = new int[drawn.length][];
      for (int i = 0; i < drawn.length; i++) {
        drawn[i] = task.samplePrompt(rng);
        rows[i] = drawn[i].tokens();
      }
      int[][] generated = reference.generate(rows, sampling, rng).tokens();
      sampled += drawn.length;
      for (int i = 0; i < drawn.length; i++) {
        boolean correct = task.correct(drawn[i], generated[i]);
        List<TextTask.LabeledResponse> into = correct ? good : bad;
        if (into.size() < (correct ? wantDesirable : wantUndesirable)) {
          into.add(task.label(drawn[i], generated[i], rng));
        }
      }
    }
    if (good.size() < wantDesirable || bad.size() < wantUndesirable) {
      throw new IllegalStateException(String.format(Locale.ROOT,
          "π_ref gave %d correct and %d wrong responses in %d samples, short of the %d correct and %d wrong that "
              + "desirable_fraction %.2f asks for; change desirable_fraction or sft_steps, or use responses: task",
          good.size(), bad.size(), sampled, wantDesirable, wantUndesirable, task.desirableFraction()));
    }
    List<TextTask.LabeledResponse> all = new ArrayList<>(good);
    all.addAll(bad);
    return all.toArray(TextTask.LabeledResponse[]::new);
  }

  private static final int SAMPLING_ROUNDS = 32;

  /**
   * @param logProbs log π_θ(y|x) per sequence, [B]
   * @param refLogProbs log π_ref(y|x), [B]
   * @param desirable 1 where y is desirable, 0 where undesirable, [B]
   */
  public static Result loss(NDArray logProbs, NDArray refLogProbs, NDArray desirable, double beta, double lambdaD,
      double lambdaU) {
    check(logProbs, refLogProbs, desirable, beta, lambdaD, lambdaU);
    return loss(logProbs, refLogProbs, desirable, beta, lambdaD, lambdaU, referencePoint(logProbs, refLogProbs, beta));
  }

  /** The same with a reference point z_0 supplied by the caller (in units of r_θ, i.e. including β). */
  public static Result loss(NDArray logProbs, NDArray refLogProbs, NDArray desirable, double beta, double lambdaD,
      double lambdaU, double z0) {
    check(logProbs, refLogProbs, desirable, beta, lambdaD, lambdaU);
    if (!Double.isFinite(z0)) {
      throw new IllegalArgumentException("z0 must be finite, found " + z0);
    }
    NDArray r = Scalars.mul(logProbs.sub(refLogProbs.stopGradient()), beta); // r_θ
    NDArray d = desirable.toType(logProbs.getDataType(), false);
    NDArray lossD = Scalars.mul(ai.djl.nn.Activation.sigmoid(Scalars.mul(r.sub((float) z0), beta)).neg().add(1f), lambdaD);
    NDArray lossU = Scalars.mul(ai.djl.nn.Activation.sigmoid(Scalars.mul(r.neg().add((float) z0), beta)).neg().add(1f), lambdaU);
    NDArray perExample = lossD.mul(d).add(lossU.mul(d.neg().add(1f))); // torch.where(desirable, lossD, lossU)
    NDArray loss = perExample.mean();

    float[] labels = d.toType(DataType.FLOAT32, false).toFloatArray();
    float[] undesirable = new float[labels.length];
    for (int i = 0; i < labels.length; i++) {
      undesirable[i] = 1 - labels[i];
    }
    float[] lD = lossD.stopGradient().toType(DataType.FLOAT32, false).toFloatArray();
    float[] lU = lossU.stopGradient().toType(DataType.FLOAT32, false).toFloatArray();
    float[] rewards = r.stopGradient().toType(DataType.FLOAT32, false).toFloatArray();
    return new Result(loss, z0, Tensors.maskedMean(lD, labels), Tensors.maskedMean(lU, undesirable),
        Tensors.maskedMean(rewards, labels), Tensors.maskedMean(rewards, undesirable));
  }

  /** z_0 = max(0, mean_i β (log π_θ(y_i|x_i) − log π_ref(y_i|x_i))) over the batch, as a constant. */
  public static double referencePoint(NDArray logProbs, NDArray refLogProbs, double beta) {
    double mean = Scalars.mul(logProbs.stopGradient().sub(refLogProbs.stopGradient()), beta)
        .toType(DataType.FLOAT32, false).mean().getFloat();
    return Math.max(0, mean);
  }

  private static void check(NDArray logProbs, NDArray refLogProbs, NDArray desirable, double beta, double lambdaD,
      double lambdaU) {
    long b = Tensors.requireSequences("logProbs", logProbs);
    Tensors.requireShape("refLogProbs", refLogProbs, logProbs.getShape(), "one reference log-probability per sequence");
    Tensors.requireShape("desirable", desirable, logProbs.getShape(), "a 1 (desirable) / 0 (undesirable) label per sequence");
    if (b == 0) {
      throw new IllegalArgumentException("logProbs is empty: a KTO batch needs at least one example");
    }
    Tensors.requirePositive("beta", beta);
    Tensors.requirePositive("lambdaD", lambdaD);
    Tensors.requirePositive("lambdaU", lambdaU);
  }

  /**
   * @param loss the scalar loss, differentiable
   * @param z0 the reference point used
   * @param desirableLoss mean λ_D(1 − σ(β(r_θ − z_0))) over the desirable examples (NaN if none)
   * @param undesirableLoss mean λ_U(1 − σ(β(z_0 − r_θ))) over the undesirable ones (NaN if none)
   * @param desirableReward mean r_θ over the desirable examples (NaN if none)
   * @param undesirableReward mean r_θ over the undesirable ones (NaN if none)
   */
  public record Result(NDArray loss, double z0, double desirableLoss, double undesirableLoss, double desirableReward,
      double undesirableReward) implements PolicyTraining.Objective {

    /** losses/loss, kto/z0, losses/desirable, losses/undesirable, rewards/desirable, rewards/undesirable. */
    public Map<String, Double> metrics() {
      return PolicyTraining.Objective.metrics(loss, List.of("kto/z0", "losses/desirable", "losses/undesirable",
          "rewards/desirable", "rewards/undesirable"), z0, desirableLoss, undesirableLoss, desirableReward,
          undesirableReward);
    }
  }
}
