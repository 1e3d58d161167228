package dev.rlx.algorithms.deep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RolloutBufferTest {

  /** One copy, 4 steps: r = 1, 2, 3, 4; V(s_t) = 0.5, 0.4, 0.3, 0.2; V(s_T) = 10. */
  private static RolloutBuffer rollout(boolean terminateAtStep1, boolean truncateAtStep1) {
    RolloutBuffer b = new RolloutBuffer(4, 1, 1, 1);
    float[] r = {1, 2, 3, 4};
    float[] v = {0.5f, 0.4f, 0.3f, 0.2f};
    System.arraycopy(r, 0, b.rewards(), 0, 4);
    System.arraycopy(v, 0, b.values(), 0, 4);
    b.nextValues()[0] = v[1];
    b.nextValues()[1] = truncateAtStep1 ? 7f : 99f; // V(final obs) on truncation; unused on termination
    b.nextValues()[2] = v[3];
    b.nextValues()[3] = 10f;
    b.terminated()[1] = terminateAtStep1;
    b.truncated()[1] = truncateAtStep1;
    if (!terminateAtStep1 && !truncateAtStep1) {
      b.nextValues()[1] = v[2];
    }
    return b;
  }

  @Test
  void lambdaOneGivesTheBootstrappedNStepReturns() {
    double g = 0.9;
    RolloutBuffer b = rollout(false, false);
    b.computeAdvantages(g, 1.0);
    // R_0 = 1 + .9·2 + .81·3 + .729·4 + .6561·10
    double r0 = 1 + g * 2 + g * g * 3 + g * g * g * 4 + Math.pow(g, 4) * 10;
    assertThat(b.returns()[0]).isCloseTo((float) r0, within(1e-5f));
    assertThat(b.returns()[3]).isCloseTo((float) (4 + g * 10), within(1e-5f));
    assertThat(b.advantages()[0]).isCloseTo((float) (r0 - 0.5), within(1e-5f));
  }

  @Test
  void terminationCutsTheReturnAndTruncationBootstrapsFromTheFinalObservation() {
    double g = 0.9;
    RolloutBuffer terminated = rollout(true, false);
    terminated.computeAdvantages(g, 1.0);
    assertThat(terminated.returns()[0]).isCloseTo((float) (1 + g * 2), within(1e-5f));
    assertThat(terminated.returns()[2]).isCloseTo((float) (3 + g * 4 + g * g * 10), within(1e-5f));
    RolloutBuffer truncated = rollout(false, true);
    truncated.computeAdvantages(g, 1.0);
    assertThat(truncated.returns()[0]).isCloseTo((float) (1 + g * 2 + g * g * 7), within(1e-5f));
  }

  @Test
  void lambdaZeroGivesTheOneStepTdTarget() {
    RolloutBuffer b = rollout(false, false);
    b.computeAdvantages(0.9, 0.0);
    assertThat(b.returns()[0]).isCloseTo(1 + 0.9f * 0.4f, within(1e-6f));
    assertThat(b.advantages()[2]).isCloseTo(3 + 0.9f * 0.2f - 0.3f, within(1e-6f));
  }

  @Test
  void gatherCopiesTheChosenRows() {
    RolloutBuffer b = new RolloutBuffer(2, 2, 2, 1);
    for (int k = 0; k < 4; k++) {
      b.observations()[2 * k] = k;
      b.observations()[2 * k + 1] = -k;
      b.actions()[k] = 10 + k;
      b.logProbs()[k] = -k;
    }
    RolloutBuffer.Minibatch mb = new RolloutBuffer.Minibatch(2, 2, 1);
    b.gather(new int[] {3, 1, 0, 2}, 0, 2, mb);
    assertThat(mb.observations()).containsExactly(3, -3, 1, -1);
    assertThat(mb.actions()).containsExactly(13, 11);
    assertThat(mb.logProbs()).containsExactly(-3, -1);
  }

  @Test
  void neighbouringTrialSeedsEvaluateOnDisjointEpisodes() {
    java.util.Set<Long> starts = new java.util.HashSet<>();
    for (long seed = 0; seed < 100; seed++) {
      long base = RolloutCollector.evaluationSeed(seed);
      for (int copy = 0; copy < 10; copy++) {
        starts.add(base + copy);
      }
    }
    assertThat(starts).hasSize(1000);
    assertThat(RolloutCollector.evaluationSeed(7)).isEqualTo(RolloutCollector.evaluationSeed(7));
  }
}
