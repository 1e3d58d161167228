package dev.rlx.algorithms.rlhf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rlx.algorithms.RecordingContext;
import dev.rlx.api.ParameterSpace;
import dev.rlx.api.TextTask;
import dev.rlx.api.TrialContext.Budget;
import dev.rlx.environments.text.TaskVocabulary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GRPO on a bandit-like task whose answer is one digit: the rewarded digit must come to dominate. */
class GrpoLearnsTest {

  /**
   * Prompt "<bos>", any one-digit answer; reward 1 for "7" (for nothing when not
   * {@code solvable}). Demonstrations are uniform digits.
   */
  static final class SevenTask implements TextTask {
    private final Vocabulary v = TaskVocabulary.SHARED;
    private final double desirableFraction;
    private final boolean solvable;

    SevenTask() {
      this(0.2, true);
    }

    SevenTask(double desirableFraction, boolean solvable) {
      this.desirableFraction = desirableFraction;
      this.solvable = solvable;
    }

    @Override public Vocabulary vocabulary() { return v; }
    @Override public int maxPromptLength() { return 1; }
    @Override public int maxResponseLength() { return 2; }
    @Override public Prompt samplePrompt(SplittableRandom rng) { return new Prompt(new int[] {v.bos()}, "", "7"); }
    @Override public double reward(Prompt prompt, int[] response) { return solvable && response.length > 0 && response[0] == v.id("7") ? 1 : 0; }
    @Override public boolean correct(Prompt prompt, int[] response) { return reward(prompt, response) == 1; }
    @Override public int[] demonstration(Prompt prompt, SplittableRandom rng) { return v.encodeResponse(String.valueOf(rng.nextInt(10))); }
    @Override public PreferencePair preferencePair(SplittableRandom rng) { throw new UnsupportedOperationException(); }
    @Override public PreferencePair rank(Prompt prompt, int[] a, int[] b, SplittableRandom rng) { throw new UnsupportedOperationException(); }
    @Override public LabeledResponse labeledResponse(SplittableRandom rng) { throw new UnsupportedOperationException(); }
    @Override public LabeledResponse label(Prompt prompt, int[] response, SplittableRandom rng) {
      return new LabeledResponse(prompt, response, correct(prompt, response), false);
    }
    @Override public double desirableFraction() { return desirableFraction; }
  }

  /** One full-batch step a batch, and two passes of four minibatches of whole groups. */
  @ParameterizedTest(name = "update_epochs {0}, num_minibatches {1}")
  @CsvSource({"1, 1", "2, 4"})
  void theRewardedAnswerComesToDominate(int epochs, int minibatches) throws Exception {
    Map<String, Object> values = new HashMap<>(Map.of("sft_steps", 100, "lr", 1.0e-3, "beta", 0.0, "update_epochs", epochs,
        "num_minibatches", minibatches, "eval_prompts", 256, "d_model", 32));
    GrpoParams p = ParameterSpace.of(GrpoParams.class).bind(GrpoParams.class, values);
    RecordingContext context = new RecordingContext(0, new Budget(10_000, 0));
    new Grpo(p, new SevenTask(), context).train();
    List<Double> reward = context.values("eval/sample_reward");
    assertThat(reward.get(0)).isBetween(0.02, 0.3); // SFT on uniform digits: about 1 in 10
    assertThat(reward.get(reward.size() - 1)).isGreaterThan(0.8);
  }
}
