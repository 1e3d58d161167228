package dev.rlx.algorithms.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SearchTreeTest {

  @Test
  void childrenAreContiguousAndThePoolDoublesWhenFull() {
    SearchTree tree = new SearchTree(4);
    int first = tree.addChildren(SearchTree.ROOT, 3);
    assertThat(first).isEqualTo(1);
    assertThat(tree.size()).isEqualTo(4);
    assertThat(tree.capacity()).isEqualTo(4);
    int grandchildren = tree.addChildren(2, 2);
    assertThat(grandchildren).isEqualTo(4);
    assertThat(tree.capacity()).isEqualTo(8);
    assertThat(tree.firstChild(2)).isEqualTo(4);
    assertThat(tree.childCount(2)).isEqualTo(2);
    assertThat(tree.childCount(1)).isZero();
    assertThatThrownBy(() -> tree.addChildren(2, 1)).hasMessageContaining("already expanded");
  }

  @Test
  void resetKeepsTheMemoryAndLeavesAnUnvisitedRoot() {
    SearchTree tree = new SearchTree(2);
    tree.addChildren(SearchTree.ROOT, 9);
    tree.update(SearchTree.ROOT, 1);
    int capacity = tree.capacity();
    tree.reset();
    assertThat(tree.size()).isEqualTo(1);
    assertThat(tree.capacity()).isEqualTo(capacity);
    assertThat(tree.visits(SearchTree.ROOT)).isZero();
    assertThat(tree.childCount(SearchTree.ROOT)).isZero();
    assertThat(tree.addChildren(SearchTree.ROOT, 2)).isEqualTo(1);
    assertThat(tree.visits(1)).isZero();
  }

  @Test
  void backupNegatesAtEveryLevel() {
    SearchTree tree = new SearchTree(16);
    int a = tree.addChildren(SearchTree.ROOT, 2);
    int b = tree.addChildren(a, 2);
    int c = tree.addChildren(b + 1, 2);
    // a win for the player who moved into the leaf c: +1 there, −1 at its parent, +1, −1 at the root
    tree.backup(new int[] {SearchTree.ROOT, a, b + 1, c}, 3, 1);
    assertThat(tree.totalValue(c)).isEqualTo(1);
    assertThat(tree.totalValue(b + 1)).isEqualTo(-1);
    assertThat(tree.totalValue(a)).isEqualTo(1);
    assertThat(tree.totalValue(SearchTree.ROOT)).isEqualTo(-1);
    assertThat(tree.visits(c)).isEqualTo(1);
    assertThat(tree.visits(SearchTree.ROOT)).isEqualTo(1);
    assertThat(tree.visits(a + 1)).isZero();
    tree.backup(new int[] {SearchTree.ROOT, a + 1}, 1, 0); // a draw adds visits only
    assertThat(tree.visits(a + 1)).isEqualTo(1);
    assertThat(tree.totalValue(a + 1)).isZero();
    assertThat(tree.meanValue(SearchTree.ROOT)).isEqualTo(-0.5);
  }

  @Test
  void promoteKeepsTheSubtreeOfTheChildAsTheNewRoot() {
    SearchTree tree = new SearchTree(4);
    int first = tree.addChildren(SearchTree.ROOT, 3); // moves 5, 6, 7
    for (int k = 0; k < 3; k++) {
      tree.setMove(first + k, 5 + k);
      tree.setStatistics(first + k, 10 + k, k);
    }
    int kept = first + 1;
    int grandchildren = tree.addChildren(kept, 2); // moves 0, 1
    tree.setMove(grandchildren, 0);
    tree.setMove(grandchildren + 1, 1);
    tree.setPrior(grandchildren + 1, 0.25);
    tree.setStatistics(grandchildren + 1, 4, -3);
    int great = tree.addChildren(grandchildren + 1, 1); // move 8
    tree.setMove(great, 8);
    tree.setStatistics(great, 2, 2);
    tree.addChildren(first, 2); // a subtree that is dropped

    tree.promote(kept);

    assertThat(tree.size()).isEqualTo(4);
    assertThat(tree.visits(SearchTree.ROOT)).isEqualTo(11);
    assertThat(tree.totalValue(SearchTree.ROOT)).isEqualTo(1);
    assertThat(tree.move(SearchTree.ROOT)).isEqualTo(-1);
    assertThat(tree.childCount(SearchTree.ROOT)).isEqualTo(2);
    int one = tree.childWithMove(SearchTree.ROOT, 1);
    assertThat(one).isEqualTo(tree.firstChild(SearchTree.ROOT) + 1);
    assertThat(tree.visits(one)).isEqualTo(4);
    assertThat(tree.totalValue(one)).isEqualTo(-3);
    assertThat(tree.prior(one)).isEqualTo(0.25);
    assertThat(tree.childCount(one)).isEqualTo(1);
    assertThat(tree.move(tree.firstChild(one))).isEqualTo(8);
    assertThat(tree.visits(tree.firstChild(one))).isEqualTo(2);
    assertThat(tree.childCount(tree.childWithMove(SearchTree.ROOT, 0))).isZero();
    assertThat(tree.childWithMove(SearchTree.ROOT, 5)).isEqualTo(-1);
    assertThatThrownBy(() -> tree.promote(3)).hasMessageContaining("not a child of the root");
  }
}
