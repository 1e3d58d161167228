package dev.rlx.algorithms.rlhf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.rlx.algorithms.deep.Learner;
import dev.rlx.algorithms.lm.CausalLm;
import dev.rlx.algorithms.lm.LmConfig;
import dev.rlx.algorithms.lm.LmOps;
import dev.rlx.algorithms.lm.TokenBatch;
import dev.rlx.api.TextTask;
import dev.rlx.api.TrialContext;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * What every post-training algorithm shares (references.md §7.1): the policy network shaped for
 * a task, the supervised step of stage 1 (SFT, the warm start whose frozen copy is π_ref of
 * every later stage), sequence log-probabilities log π(y | x), and the trial's budget in
 * training examples or generated tokens.
 */
public final class PolicyTraining {

  private PolicyTraining() {}

  /** A transformer sized for {@code task}: its vocabulary, and room for its longest prompt and response. */
  public static LmConfig config(TextTask task, int dModel, int layers, int heads, boolean valueHead) {
    TextTask.Vocabulary vocabulary = task.vocabulary();
    return new LmConfig(vocabulary.size(), dModel, layers, heads, 4 * dModel,
        task.maxPromptLength() + task.maxResponseLength(), true, valueHead,
        vocabulary.pad(), vocabulary.bos(), vocabulary.eos());
  }

  /** The trial's budget: env_steps count training examples (offline) or generated tokens (online). */
  public static long budget(TrialContext context, String algorithm, String unit) {
    long steps = context.budget().maxEnvSteps();
    if (steps == Long.MAX_VALUE) {
      throw new IllegalArgumentException(algorithm + " needs a budget in env_steps (" + unit
          + "), e.g. budget: {env_steps: 20000}");
    }
    return steps;
  }

  /**
   * One SFT step (references.md §7.1, stage 1) on {@code batchSize} fresh demonstrations
   * ({@link #demonstrations}). Returns the loss.
   */
  public static double supervisedStep(CausalLm model, Learner learner, TextTask task, int batchSize,
      double maxGradNorm, SplittableRandom rng, NDManager manager) {
    try (NDManager step = manager.newSubManager()) {
      return learner.step(demonstrations(model, task, batchSize, rng, step), maxGradNorm).objective().loss().getFloat();
    }
  }

  /**
   * The SFT loss of {@code batchSize} demonstrations drawn from the task: next-token
   * cross-entropy on the response tokens, the prompt masked out, averaged over tokens.
   */
  static Supplier<Learner.Loss> demonstrations(CausalLm model, TextTask task, int batchSize, SplittableRandom rng,
      NDManager step) {
    int[][] prompts = new int[batchSize][];
    int[][] responses = new int[batchSize][];
    for (int i = 0; i < batchSize; i++) {
      TextTask.Prompt prompt = task.samplePrompt(rng);
      prompts[i] = prompt.tokens();
      responses[i] = task.demonstration(prompt, rng);
    }
    TokenBatch batch = TokenBatch.of(prompts, responses, task.vocabulary().pad());
    NDArray tokens = batch.tokens(step);
    NDArray mask = batch.responseMask(step);
    // −(1/|y|) Σ_t log π(y_t | x, y_<t): the masked mean negative log-likelihood of the demonstrations
    return () -> new Learner.Loss(LmOps.maskedMean(LmOps.tokenLogProbs(model.logits(tokens), tokens), mask).neg());
  }

  /**
   * The SFT warm start: {@code steps} supervised steps from a fresh model with its own Adam
   * state. Every algorithm starting from the same seed starts from the same model.
   */
  public static CausalLm warmStart(LmConfig config, TextTask task, int steps, double lr, int batchSize,
      SplittableRandom rng, NDManager manager) {
    CausalLm model = CausalLm.create(config, manager, rng.nextLong());
    Learner learner = new Learner(lr, 1e-8, List.of(model));
    for (int i = 0; i < steps; i++) {
      supervisedStep(model, learner, task, batchSize, 1.0, rng, manager);
    }
    return model;
  }

  /** log π(y | x) = Σ_t log π(y_t | x, y_&lt;t) over the response tokens of each row: [B]. */
  public static NDArray sequenceLogProbs(CausalLm model, NDArray tokens, NDArray responseMask) {
    return LmOps.maskedSum(LmOps.tokenLogProbs(model.logits(tokens), tokens), responseMask);
  }

  /** A loss that names what a trainer logs of it (losses/loss first), read from the same graph. */
  public interface Objective extends Learner.Objective {
    Map<String, Double> metrics();

    /** losses/loss (the scalar {@code loss}), then {@code keys[i]} → {@code values[i]} in order; a mutable map. */
    static Map<String, Double> metrics(NDArray loss, List<String> keys, double... values) {
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("losses/loss", Tensors.scalar(loss));
      for (int i = 0; i < values.length; i++) {
        m.put(keys.get(i), values[i]);
      }
      return m;
    }
  }

  /** The rows {@code rows} of {@code values}, in that order. */
  static int[][] rows(int[][] values, int[] rows) {
    return Arrays.stream(rows).mapToObj(i -> values[i]).toArray(int[][]::new);
  }

  /** The rows {@code rows} of {@code values}, in that order. */
  static float[] rows(float[] values, int[] rows) {
    float[] out = new float[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = values[rows[i]];
    }
    return out;
  }

  /** Logs a loss's diagnostics at {@code step}. */
  public static void log(TrialContext context, long step, Map<String, Double> metrics) {
    metrics.forEach((key, value) -> {
      if (Double.isFinite(value)) { // e.g. KTO's per-class means in a batch without that class
        context.log(key, step, value);
      }
    });
  }

  /** log π(y | x) of each (prompt, response) under a frozen model, in batches of 256: computed once. */
  public static float[] frozenLogProbs(CausalLm model, int[][] prompts, int[][] responses, int padId, NDManager manager) {
    float[] out = new float[prompts.length];
    for (int from = 0; from < prompts.length; from += 256) {
      int to = Math.min(prompts.length, from + 256);
      TokenBatch batch = TokenBatch.of(Arrays.copyOfRange(prompts, from, to),
          Arrays.copyOfRange(responses, from, to), padId);
      try (NDManager step = manager.newSubManager()) {
        float[] logProbs = sequenceLogProbs(model, batch.tokens(step), batch.responseMask(step)).toFloatArray();
        System.arraycopy(logProbs, 0, out, from, logProbs.length);
      }
    }
    return out;
  }

  /**
   * When a post-training loop evaluates: every {@code evaluation.every_steps} steps of the budget
   * (a twentieth of it when unset), and once more at the end of the budget.
   */
  public static final class EvaluationSchedule {
    private final long every;
    private final long budget;
    private long next;

    public EvaluationSchedule(TrialContext context, long budget) {
      this(context.evaluation().everySteps() > 0 ? context.evaluation().everySteps() : Math.max(1, budget / 20), budget);
    }

    private EvaluationSchedule(long every, long budget) {
      this.every = every;
      this.budget = budget;
      this.next = every;
    }

    /** A schedule that is never due: for a stage inside another algorithm's trial. */
    static EvaluationSchedule never() {
      return new EvaluationSchedule(Long.MAX_VALUE, Long.MAX_VALUE);
    }

    /** Whether to evaluate after {@code done} steps; if so, the next time is past {@code done}. */
    public boolean due(long done) {
      if (done < next && done < budget) {
        return false;
      }
      while (next <= done) {
        next += every;
      }
      return true;
    }
  }

  /** Minibatches of indices into a fixed dataset: epochs over it, each in a fresh random order. */
  public static final class Epochs {
    private final int[] order;
    private final SplittableRandom rng;
    private int cursor;

    public Epochs(int size, SplittableRandom rng) {
      this.order = java.util.stream.IntStream.range(0, size).toArray();
      this.rng = rng;
      this.cursor = size;
    }

    /** The next {@code count} indices, reshuffling at each epoch's end. */
    public int[] next(int count) {
      int[] rows = new int[count];
      for (int i = 0; i < count; i++) {
        if (cursor == order.length) {
          for (int j = order.length - 1; j > 0; j--) { // Fisher–Yates
            int k = rng.nextInt(j + 1);
            int t = order[j];
            order[j] = order[k];
            order[k] = t;
          }
          cursor = 0;
        }
        rows[i] = order[cursor++];
      }
      return rows;
    }
  }
}
