package dev.rlx.algorithms.rlhf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rlx.algorithms.RecordingContext;
import dev.rlx.api.Algorithm;
import dev.rlx.api.ParameterSpace;
import dev.rlx.api.TextTask;
import dev.rlx.api.TrialContext.Budget;
import dev.rlx.environments.text.ArithmeticParams;
import dev.rlx.environments.text.ArithmeticTask;
import dev.rlx.environments.text.SyntheticDataParams;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Each post-training algorithm through its real entry point on a small arithmetic task: what it
 * logs, that a seed fixes every number, and that it learns what it should.
 */
@Tag("slow") // ~1.5 min: real training of small models
class PostTrainingAlgorithmsTest {

  /** Sums of 0..19; {@code quality} of demonstrations correct, {@code noise} of labels flipped. */
  private static TextTask task(double quality, double noise) {
    return new ArithmeticTask(new ArithmeticParams("+", 0, 19, 0.5, new SyntheticDataParams(noise, quality, 0.5)));
  }

  private static <P extends Record> P params(Class<P> type, Map<String, Object> values) {
    Map<String, Object> small = new HashMap<>(Map.of("d_model", 32, "eval_prompts", 32));
    small.putAll(values);
    return ParameterSpace.of(type).bind(type, small);
  }

  private static RecordingContext run(long seed, long steps, BiFunction<RecordingContext, Long, Algorithm> algorithm)
      throws Exception {
    RecordingContext context = new RecordingContext(seed, new Budget(steps, 0));
    algorithm.apply(context, seed).train();
    return context;
  }

  @Test
  void sftLearnsTheTaskFromItsDemonstrations() throws Exception {
    SftParams p = params(SftParams.class, Map.of("d_model", 64));
    RecordingContext context = run(0, 25_600, (c, s) -> new Sft(p, task(1.0, 0), c));
    List<Double> accuracy = context.values("eval/accuracy");
    assertThat(accuracy.get(0)).isLessThan(0.1);
    assertThat(accuracy.get(accuracy.size() - 1)).isGreaterThan(0.7);
    assertThat(context.values("eval/kl_ref")).isEmpty(); // SFT has no reference
  }

  @Test
  void dpoRaisesTheImplicitRewardMarginAndMovesAwayFromTheReferenceLessAtLargerBeta() throws Exception {
    RecordingContext small = run(1, 2_048, (c, s) -> new Dpo(params(DpoParams.class, Map.of("beta", 0.05, "sft_steps", 150)),
        task(0.5, 0), c));
    RecordingContext large = run(1, 2_048, (c, s) -> new Dpo(params(DpoParams.class, Map.of("beta", 2.0, "sft_steps", 150)),
        task(0.5, 0), c));
    assertThat(last(small, "rewards/accuracy")).isGreaterThan(0.6);
    assertThat(last(small, "rewards/margin")).isGreaterThan(0);
    // π_ref is where both start; a larger β holds the policy closer to it (§7.4 exercise 2)
    assertThat(small.values("eval/kl_ref").get(0)).isZero();
    assertThat(last(large, "eval/kl_ref")).isLessThan(last(small, "eval/kl_ref"));
  }

  @Test
  void ipoAndKtoRunAndLogTheirDiagnostics() throws Exception {
    RecordingContext ipo = run(2, 256, (c, s) -> new Dpo(params(DpoParams.class, Map.of("loss", "ipo", "sft_steps", 20)),
        task(0.5, 0.1), c));
    assertThat(ipo.values("rewards/margin")).isNotEmpty().allSatisfy(v -> assertThat(v).isFinite());
    // the task's own responses: a 20-step SFT policy is almost never right, too rarely for π_ref samples
    // (KtoReferenceResponsesTest covers those)
    RecordingContext kto = run(2, 256, (c, s) -> new Kto(params(KtoParams.class,
        Map.of("lambda_d", 4.0, "sft_steps", 20, "responses", "task")), task(0.5, 0), c));
    assertThat(kto.values("kto/z0")).isNotEmpty().allSatisfy(z -> assertThat(z).isGreaterThanOrEqualTo(0));
    assertThat(kto.values("eval/accuracy")).hasSizeGreaterThan(1); // at step 0 and on the default schedule
  }

  @Test
  void theRewardModelRanksHeldOutPairsByTheTrueReward() throws Exception {
    RecordingContext context = run(3, 4_096, (c, s) -> new RewardModel(params(RewardModelParams.class, Map.of("sft_steps", 150)),
        task(1.0, 0), c));
    assertThat(last(context, "eval/pairwise_accuracy")).isGreaterThan(0.65);
  }

  @Test
  void grpoLogsGroupStatisticsAndASeedFixesEveryNumber() throws Exception {
    GrpoParams p = params(GrpoParams.class, Map.of("sft_steps", 50, "group_size", 4, "prompts_per_step", 4,
        "dynamic_sampling", true, "clip_eps_high", 0.28, "loss_aggregation", "token_mean", "overlong_cache", 2));
    RecordingContext first = run(4, 1_500, (c, s) -> new Grpo(p, task(0.5, 0), c));
    RecordingContext again = run(4, 1_500, (c, s) -> new Grpo(p, task(0.5, 0), c));
    assertThat(again.values("charts/reward")).isEqualTo(first.values("charts/reward"));
    assertThat(again.values("eval/kl_ref")).isEqualTo(first.values("eval/kl_ref"));
    assertThat(first.values("charts/filtered_groups_fraction")).isNotEmpty().allSatisfy(f -> assertThat(f).isBetween(0.0, 1.0));
    assertThat(first.values("charts/generated_tokens")).isSorted();
    assertThat(last(first, "charts/generated_tokens")).isGreaterThanOrEqualTo(1_500);
  }

  @Test
  void grpoOnTheCodeTaskRunsEverySampledProgramInTheSandboxAndGoesOn() throws Exception {
    // A barely trained policy writes mostly broken programs: each one runs sandboxed, scores in
    // [0, 1] (0 for anything abnormal), and training carries on to the end of its budget.
    TextTask code = new dev.rlx.environments.text.CodeFunctionTask(
        new dev.rlx.environments.text.CodeFunctionParams(1, 3, 3, 3, 0, 1, 3000, 256, false, 0, 1, 0.5));
    GrpoParams p = params(GrpoParams.class, Map.of("sft_steps", 30, "group_size", 4, "prompts_per_step", 2));
    RecordingContext context = run(6, 200, (c, s) -> new Grpo(p, code, c));
    assertThat(context.values("charts/reward")).isNotEmpty().allSatisfy(r -> assertThat(r).isBetween(0.0, 1.0));
    assertThat(last(context, "charts/generated_tokens")).isGreaterThanOrEqualTo(200);
    assertThat(context.values("eval/sample_reward")).hasSizeGreaterThan(1);
  }

  @Test
  void ppoRlhfFitsARewardModelThenOptimisesItUnderTheKlPenalty() throws Exception {
    TokenPpoParams p = params(TokenPpoParams.class, Map.of("sft_steps", 50, "rm_pairs", 256, "prompts_per_step", 8));
    RecordingContext context = run(5, 600, (c, s) -> new TokenPpo(p, task(0.5, 0), c));
    assertThat(context.values("rm/pairwise_accuracy")).hasSize(1);
    assertThat(context.values("rm/losses/loss")).isNotEmpty();
    assertThat(context.values("charts/kl_ref")).isNotEmpty().allSatisfy(v -> assertThat(v).isFinite());
    assertThat(context.values("losses/value_loss")).isNotEmpty();
  }

  @Test
  void aBudgetInEpisodesIsRefusedWithWhatWouldBeRight() throws Exception {
    RecordingContext context = new RecordingContext(0, new Budget(0, 10));
    assertThatThrownBy(() -> new Dpo(params(DpoParams.class, Map.of()), task(1, 0), context).train())
        .hasMessageContaining("dpo needs a budget in env_steps (preference pairs)");
  }

  private static double last(RecordingContext context, String key) {
    List<Double> values = context.values(key);
    assertThat(values).as(key).isNotEmpty();
    return values.get(values.size() - 1);
  }
}
