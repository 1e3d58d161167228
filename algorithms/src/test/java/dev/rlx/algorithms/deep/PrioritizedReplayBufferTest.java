package dev.rlx.algorithms.deep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PrioritizedReplayBufferTest {

  /**
   * Four transitions (obs = slot) whose TD errors 1, 4, 9, 16 give with α = 0.5 the priorities
   * p = √|δ| = 1, 2, 3, 4 (ε = 1e-12 is negligible): P = 0.1, 0.2, 0.3, 0.4.
   */
  private static PrioritizedReplayBuffer fourTransitions() {
    PrioritizedReplayBuffer buffer = new PrioritizedReplayBuffer(4, 1, 0.5, 1e-12);
    for (int i = 0; i < 4; i++) {
      buffer.add(new float[] {i}, new float[] {i + 0.5f}, 0, i, 10 * i, false, 0.99f);
    }
    buffer.updatePriorities(new int[] {0, 1, 2, 3}, new float[] {1, -4, 9, 16}, 4);
    return buffer;
  }

  @Test
  void prioritiesAreTheAbsoluteErrorPlusEpsilonToTheAlpha() {
    PrioritizedReplayBuffer buffer = new PrioritizedReplayBuffer(2, 1, 0.6, 0.01);
    buffer.add(new float[] {0}, new float[] {0}, 0, 0, 0, false, 0.99f);
    buffer.updatePriorities(new int[] {0}, new float[] {-0.5f}, 1);
    assertThat(buffer.priority(0)).isCloseTo(Math.pow(0.51, 0.6), within(1e-12));
  }

  @Test
  void newTransitionsGetTheLargestPrioritySoFar() {
    PrioritizedReplayBuffer buffer = new PrioritizedReplayBuffer(8, 1, 0.5, 1e-12);
    int first = buffer.add(new float[] {0}, new float[] {0}, 0, 0, 0, false, 0.99f);
    assertThat(buffer.priority(first)).isEqualTo(1.0); // nothing seen yet: 1
    buffer.updatePriorities(new int[] {first}, new float[] {16}, 1); // p = 4
    buffer.updatePriorities(new int[] {first}, new float[] {1}, 1); // p = 1, but the maximum stays 4
    int second = buffer.add(new float[] {1}, new float[] {1}, 0, 0, 0, false, 0.99f);
    assertThat(buffer.priority(second)).isCloseTo(4.0, within(1e-9));
  }

  @Test
  void drawsAreProportionalToPriority() {
    PrioritizedReplayBuffer buffer = fourTransitions();
    ReplayBuffer.Batch batch = new ReplayBuffer.Batch(10, 1);
    SplittableRandom rng = new SplittableRandom(7);
    int draws = 200_000;
    int[] counts = new int[4];
    for (int b = 0; b < draws / batch.size(); b++) {
      buffer.sample(rng, 0.4, batch);
      for (int j = 0; j < batch.size(); j++) {
        counts[batch.indices()[j]]++;
        assertThat(batch.obs()[j]).isEqualTo(batch.indices()[j]); // the row is the slot's transition
        assertThat(batch.actions()[j]).isEqualTo(batch.indices()[j]);
        assertThat(batch.discounts()[j]).isEqualTo(0.99f);
      }
    }
    // Independent draws would give a binomial standard deviation of at most √(0.4 · 0.6 / 200k) ≈ 0.0011;
    // stratification only lowers it. 0.005 is > 4σ, while uniform sampling (0.25 each) misses by ≥ 0.05.
    double[] expected = {0.1, 0.2, 0.3, 0.4};
    for (int i = 0; i < 4; i++) {
      assertThat(counts[i] / (double) draws).as("frequency of slot %d", i).isCloseTo(expected[i], within(0.005));
    }
  }

  @Test
  void eachRowIsDrawnFromItsOwnSegmentOfTheTotal() {
    PrioritizedReplayBuffer buffer = fourTransitions();
    // Cumulative priorities 1 | 3 | 6 | 10; B = 4 segments [0, 2.5), [2.5, 5), [5, 7.5), [7.5, 10).
    // Leaf i owns [c_{i−1}, c_i): segment 0 reaches leaves 0–1, segment 1 leaves 1–2, segment 2 leaves 2–3, segment 3 leaf 3.
    int[][] allowed = {{0, 1}, {1, 2}, {2, 3}, {3, 3}};
    ReplayBuffer.Batch batch = new ReplayBuffer.Batch(4, 1);
    SplittableRandom rng = new SplittableRandom(11);
    for (int b = 0; b < 500; b++) {
      buffer.sample(rng, 0.4, batch);
      for (int j = 0; j < 4; j++) {
        assertThat(batch.indices()[j]).as("row %d", j).isBetween(allowed[j][0], allowed[j][1]);
      }
    }
  }

  @Test
  void importanceWeightsAreNTimesPToTheMinusBetaOverTheBatchMaximum() {
    PrioritizedReplayBuffer buffer = fourTransitions();
    // By hand, β = 0.5, N = 4: (4 · 0.1)^−½ = 1.5811388, (4 · 0.2)^−½ = 1.1180340,
    // (4 · 0.3)^−½ = 0.9128709, (4 · 0.4)^−½ = 0.7905694.
    double[] w = {1.5811388, 1.1180340, 0.9128709, 0.7905694};
    for (int i = 0; i < 4; i++) {
      assertThat(buffer.rawWeight(i, 0.5)).isCloseTo(w[i], within(1e-6));
    }
    ReplayBuffer.Batch batch = new ReplayBuffer.Batch(4, 1);
    SplittableRandom rng = new SplittableRandom(3);
    boolean sawSlotZero = false;
    for (int b = 0; b < 200; b++) {
      buffer.sample(rng, 0.5, batch);
      double max = 0;
      for (int j = 0; j < batch.size(); j++) {
        max = Math.max(max, w[batch.indices()[j]]);
      }
      for (int j = 0; j < batch.size(); j++) {
        assertThat((double) batch.weights()[j]).isCloseTo(w[batch.indices()[j]] / max, within(1e-6));
        sawSlotZero |= batch.indices()[j] == 0;
      }
    }
    assertThat(sawSlotZero).isTrue();
    // β = 1 fully corrects: the weights are P_min / P(i), here 0.1 / 0.4 for the most likely slot.
    buffer.sample(rng, 1.0, batch);
    for (int j = 0; j < batch.size(); j++) {
      if (batch.indices()[j] == 3 && contains(batch.indices(), 0)) {
        assertThat(batch.weights()[j]).isCloseTo(0.25f, within(1e-6f));
      }
    }
  }

  @Test
  void betaIsAnnealedLinearlyFromBetaZeroToOneOverTraining() {
    assertThat(PrioritizedReplayBuffer.beta(0.4, 0, 100_000)).isCloseTo(0.4, within(1e-12));
    assertThat(PrioritizedReplayBuffer.beta(0.4, 25_000, 100_000)).isCloseTo(0.55, within(1e-12));
    assertThat(PrioritizedReplayBuffer.beta(0.4, 50_000, 100_000)).isCloseTo(0.7, within(1e-12));
    assertThat(PrioritizedReplayBuffer.beta(0.4, 100_000, 100_000)).isCloseTo(1.0, within(1e-12));
    assertThat(PrioritizedReplayBuffer.beta(0.4, 150_000, 100_000)).isCloseTo(1.0, within(1e-12));
  }

  private static boolean contains(int[] values, int value) {
    for (int v : values) {
      if (v == value) {
        return true;
      }
    }
    return false;
  }
}
