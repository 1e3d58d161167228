package dev.rlx.algorithms.rlhf;

import dev.rlx.algorithms.RecordingContext;
import dev.rlx.api.ParameterSpace;
import dev.rlx.api.TrialContext.Budget;
import dev.rlx.environments.text.ArithmeticParams;
import dev.rlx.environments.text.ArithmeticTask;
import dev.rlx.environments.text.SyntheticDataParams;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * GRPO updates per second at K = 8 (scripts/bench/grpo.sh runs it on one thread): the
 * {@code grpo} algorithm through its entry point on sums of 0..49, 8 prompts × K completions per
 * update, μ = 2 gradient steps each, the default model (d_model 64, 2 layers). The SFT warm start
 * (100 steps) runs before the clock starts; each repetition times {@code updates} updates —
 * sampling, verifier rewards, reference forward and the μ steps — and reports updates/s and
 * generated tokens/s. Medians of {@code reps} repetitions.
 */
public final class GrpoBench {

  public static void main(String[] args) throws Exception {
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int k = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    double[] updatesPerSecond = new double[reps];
    double[] tokensPerSecond = new double[reps];
    for (int r = 0; r < reps; r++) {
      Map<String, Object> values = new HashMap<>(Map.of("group_size", k, "sft_steps", 100, "eval_prompts", 1));
      GrpoParams params = ParameterSpace.of(GrpoParams.class).bind(GrpoParams.class, values);
      ArithmeticTask task = new ArithmeticTask(new ArithmeticParams("+", 0, 49, 0, new SyntheticDataParams(0, 1, 0.5)));
      TimingContext context = new TimingContext(r, 60_000);
      new Grpo(params, task, context).train();
      updatesPerSecond[r] = context.updates() / context.seconds();
      tokensPerSecond[r] = context.tokens() / context.seconds();
    }
    Arrays.sort(updatesPerSecond);
    Arrays.sort(tokensPerSecond);
    System.out.printf("GRPO K=%d, 8 prompts/update, μ=2: %.1f updates/s, %.0f generated tokens/s (median of %d; runs: %s)%n",
        k, updatesPerSecond[reps / 2], tokensPerSecond[reps / 2], reps, Arrays.toString(updatesPerSecond));
  }

  /** Starts the clock at the first update's log (after the warm start and the first evaluation). */
  private static final class TimingContext implements dev.rlx.api.TrialContext {
    private final RecordingContext inner;
    private long start;
    private long end;
    private long firstTokens;
    private long lastTokens;
    private int updates;

    TimingContext(long seed, long tokens) {
      inner = new RecordingContext(seed, new Budget(tokens, 0));
    }

    double seconds() {
      return (end - start) / 1e9;
    }

    int updates() {
      return updates - 1;
    }

    long tokens() {
      return lastTokens - firstTokens;
    }

    @Override public String trialId() { return inner.trialId(); }
    @Override public long seed() { return inner.seed(); }
    @Override public Budget budget() { return inner.budget(); }
    @Override public Evaluation evaluation() { return new Evaluation(Long.MAX_VALUE / 2, 0, 0); }
    @Override public dev.rlx.api.Device device() { return inner.device(); }
    @Override public java.nio.file.Path runDirectory() { return inner.runDirectory(); }
    @Override public boolean isCancelled() { return false; }

    @Override
    public void log(String key, long step, double value) {
      if (key.equals("charts/generated_tokens")) {
        if (updates == 0) {
          start = System.nanoTime();
          firstTokens = step;
        }
        updates++;
        end = System.nanoTime();
        lastTokens = step;
      }
    }
  }
}
