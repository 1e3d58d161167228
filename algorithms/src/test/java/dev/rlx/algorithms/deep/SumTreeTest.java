package dev.rlx.algorithms.deep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SumTreeTest {

  /** Priorities 3, 0, 1, 4, 2 (capacity 5, so the tree has 8 leaves and 3 stay empty); total 10. */
  private static SumTree handTable() {
    SumTree tree = new SumTree(5);
    double[] p = {3, 0, 1, 4, 2};
    for (int i = 0; i < p.length; i++) {
      tree.set(i, p[i]);
    }
    return tree;
  }

  @Test
  void theRootHoldsTheTotalAndFollowsUpdates() {
    SumTree tree = handTable();
    assertThat(tree.total()).isEqualTo(10.0);
    assertThat(tree.get(3)).isEqualTo(4.0);
    tree.set(3, 0.5);
    assertThat(tree.total()).isEqualTo(6.5);
    tree.set(0, 0);
    assertThat(tree.total()).isEqualTo(3.5);
  }

  // Cumulative sums 3 | 3 | 4 | 8 | 10: leaf i owns [c_{i−1}, c_i); leaf 1 (p = 0) owns nothing.
  @ParameterizedTest(name = "prefix {0} falls in leaf {1}")
  @CsvSource({"0, 0", "2.999, 0", "3, 2", "3.5, 2", "4, 3", "7.999, 3", "8, 4", "9.999, 4",
      // at or past the total (rounding in a caller's u · total): the last positive leaf, never an empty one
      "10, 4", "1e9, 4", "-1, 0"})
  void prefixSumSearchFindsTheLeafWhoseIntervalHoldsThePrefix(double prefix, int leaf) {
    assertThat(handTable().find(prefix)).isEqualTo(leaf);
  }

  @Test
  void searchFollowsAChangedPriority() {
    SumTree tree = handTable();
    tree.set(3, 0.5); // cumulative 3 | 3 | 4 | 4.5 | 6.5
    assertThat(tree.find(4.2)).isEqualTo(3);
    assertThat(tree.find(4.5)).isEqualTo(4);
    assertThat(tree.total()).isCloseTo(6.5, within(1e-12));
  }

  @Test
  void aCapacityOfOneIsItsOwnRoot() {
    SumTree tree = new SumTree(1);
    tree.set(0, 2.5);
    assertThat(tree.total()).isEqualTo(2.5);
    assertThat(tree.find(1.0)).isZero();
  }

  @Test
  void rejectsNegativePrioritiesLeavesOutsideAndSearchingAnEmptyTree() {
    SumTree tree = new SumTree(4);
    assertThatThrownBy(() -> tree.find(0)).hasMessageContaining("all 0");
    assertThatThrownBy(() -> tree.set(0, -1)).hasMessageContaining(">= 0");
    assertThatThrownBy(() -> tree.set(0, Double.NaN)).hasMessageContaining(">= 0");
    assertThatThrownBy(() -> tree.set(4, 1)).isInstanceOf(IndexOutOfBoundsException.class);
  }
}
