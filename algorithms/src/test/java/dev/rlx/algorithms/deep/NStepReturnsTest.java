package dev.rlx.algorithms.deep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rlx.api.VectorEnvironment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NStepReturnsTest {

  private static final double G = 0.9;

  /** What a sink received, observations of size 1. */
  record Emitted(float s, float next, int action, float ret, boolean terminated, float discount) {}

  /**
   * Two copies, n = 3, γ = 0.9, six steps. Copy i is in observation 10·i + t before step t and
   * takes action t. Copy 0 (rewards 1…6) terminates at step 2 and restarts; copy 1 (rewards
   * 10…60) is truncated at step 1 in observation 99 and restarts.
   */
  private static List<Emitted> script(NStepReturns nStep) {
    List<Emitted> out = new ArrayList<>();
    VectorEnvironment.Batch batch = VectorEnvironment.Batch.of(2, 1);
    for (int t = 0; t < 6; t++) {
      float[] before = {t, 10 + t};
      batch.rewards()[0] = t + 1;
      batch.rewards()[1] = 10 * (t + 1);
      batch.terminated()[0] = t == 2;
      batch.truncated()[0] = false;
      batch.terminated()[1] = false;
      batch.truncated()[1] = t == 1;
      batch.observations()[0] = t + 1; // after an end: the new episode's first observation
      batch.observations()[1] = 10 + t + 1;
      batch.finalObservations()[0] = t == 2 ? -1 : 0; // meaningful only where the episode ended
      batch.finalObservations()[1] = t == 1 ? 99 : 0;
      nStep.add(before, new int[] {t, t}, batch, (s, next, row, a, ret, terminal, discount) ->
          out.add(new Emitted(s[row], next[row], a, ret, terminal, discount)));
    }
    return out;
  }

  @Test
  void nStepTargetsAreTheExplicitSumsCutAtTerminationAndTruncation() {
    NStepReturns nStep = new NStepReturns(2, 1, 3, G);
    List<Emitted> out = script(nStep);
    // The explicit sums, in the order the transitions complete (copy 0 before copy 1 within a step).
    assertThat(out).usingElementComparator(NStepReturnsTest::compare).containsExactly(
        // t = 1: copy 1 truncated after 2 rewards → both pending bootstrap from the final observation 99
        new Emitted(10, 99, 0, (float) (10 + G * 20), false, (float) (G * G)),
        new Emitted(11, 99, 1, 20f, false, (float) G),
        // t = 2: copy 0 terminated after rewards 1, 2, 3 → no bootstrap, returns cut at the end
        new Emitted(0, -1, 0, (float) (1 + G * 2 + G * G * 3), true, (float) (G * G * G)),
        new Emitted(1, -1, 1, (float) (2 + G * 3), true, (float) (G * G)),
        new Emitted(2, -1, 2, 3f, true, (float) G),
        // t = 4: copy 1's new episode has 3 rewards 30, 40, 50 → s' = s_{t+3}, discount γ³
        new Emitted(12, 15, 2, (float) (30 + G * 40 + G * G * 50), false, (float) (G * G * G)),
        // t = 5: copy 0's new episode (rewards 4, 5, 6) and copy 1's next window (40, 50, 60)
        new Emitted(3, 6, 3, (float) (4 + G * 5 + G * G * 6), false, (float) (G * G * G)),
        new Emitted(13, 16, 3, (float) (40 + G * 50 + G * G * 60), false, (float) (G * G * G)));
    assertThat(nStep.pending(0)).isEqualTo(2);
    assertThat(nStep.pending(1)).isEqualTo(2);
  }

  @Test
  void oneStepIsThePlainTransition() {
    List<Emitted> out = script(new NStepReturns(2, 1, 1, G));
    assertThat(out).hasSize(12);
    // copy 0 at step 2 (terminated), copy 1 at step 1 (truncated: bootstraps from 99 with γ)
    assertThat(out).usingElementComparator(NStepReturnsTest::compare).contains(new Emitted(2, -1, 2, 3f, true, (float) G), new Emitted(11, 99, 1, 20f, false, (float) G),
        new Emitted(14, 15, 4, 50f, false, (float) G));
    assertThat(out).allSatisfy(e -> assertThat(e.discount()).isEqualTo((float) G));
  }

  /** Equal up to float rounding of the sums (the code sums by Horner's rule, the test term by term). */
  private static int compare(Emitted a, Emitted b) {
    boolean same = a.s() == b.s() && a.next() == b.next() && a.action() == b.action()
        && a.terminated() == b.terminated() && Math.abs(a.ret() - b.ret()) <= 1e-4f * Math.max(1, Math.abs(b.ret()))
        && Math.abs(a.discount() - b.discount()) <= 1e-6f;
    return same ? 0 : 1;
  }

  @Test
  void rejectsNLessThanOne() {
    assertThatThrownBy(() -> new NStepReturns(1, 1, 0, G)).hasMessageContaining("n_step must be at least 1");
  }
}
