package dev.rlx.algorithms.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** UCB1 and PUCT on hand-built trees, against the scores computed by hand (references.md §5.2). */
class SelectionRulesTest {

  /** A root with N(s) = 100 and children (N, W) = a (50, 25), b (10, 2), c (40, 28): Q = 0.5, 0.2, 0.7. */
  private static SearchTree ucbTree() {
    SearchTree tree = new SearchTree(8);
    int first = tree.addChildren(SearchTree.ROOT, 3);
    tree.setStatistics(SearchTree.ROOT, 100, 0);
    tree.setStatistics(first, 50, 25);
    tree.setStatistics(first + 1, 10, 2);
    tree.setStatistics(first + 2, 40, 28);
    return tree;
  }

  @Test
  void ucb1PicksTheLargestUpperBound() {
    SearchTree tree = ucbTree();
    int a = tree.firstChild(SearchTree.ROOT);
    int b = a + 1;
    int c = a + 2;
    // by hand, c = 1.4: a 0.5 + 1.4·sqrt(ln 100 / 50) = 0.9249, b 0.2 + 1.4·sqrt(ln 100 / 10) = 1.1501,
    // c 0.7 + 1.4·sqrt(ln 100 / 40) = 1.1750
    assertThat(Uct.select(tree, SearchTree.ROOT, 1.4)).isEqualTo(c);
    // c = 3: a 1.4105, b 2.2359, c 1.7179
    assertThat(Uct.select(tree, SearchTree.ROOT, 3)).isEqualTo(b);
    // c = 0: greedy in Q
    assertThat(Uct.select(tree, SearchTree.ROOT, 0)).isEqualTo(c);
  }

  @Test
  void ucb1SwitchesAtTheClosedFormCrossover() {
    SearchTree tree = ucbTree();
    int b = tree.firstChild(SearchTree.ROOT) + 1;
    int c = b + 1;
    // b and c tie where 0.2 + k·sqrt(ln 100 / 10) = 0.7 + k·sqrt(ln 100 / 40)
    double crossover = (0.7 - 0.2) / (Math.sqrt(Math.log(100) / 10) - Math.sqrt(Math.log(100) / 40));
    assertThat(crossover).isCloseTo(1.4736, org.assertj.core.data.Offset.offset(1e-4));
    assertThat(Uct.select(tree, SearchTree.ROOT, crossover - 1e-6)).isEqualTo(c);
    assertThat(Uct.select(tree, SearchTree.ROOT, crossover + 1e-6)).isEqualTo(b);
  }

  @Test
  void ucb1TakesAnUnvisitedChildFirst() {
    SearchTree tree = new SearchTree(8);
    int first = tree.addChildren(SearchTree.ROOT, 3);
    tree.setStatistics(SearchTree.ROOT, 20, 0);
    tree.setStatistics(first, 19, 19); // Q = 1, as good as it gets
    tree.setStatistics(first + 2, 1, -1);
    assertThat(Uct.select(tree, SearchTree.ROOT, 1.4)).isEqualTo(first + 1);
    assertThat(Uct.select(tree, SearchTree.ROOT, 0)).isEqualTo(first + 1);
  }

  /** A root with N(s) = 100 (sqrt 10) and children (P, N, W) = a (0.5, 60, 30), b (0.3, 30, 18), e (0.2, 0, 0). */
  private static SearchTree puctTree() {
    SearchTree tree = new SearchTree(8);
    int first = tree.addChildren(SearchTree.ROOT, 3);
    tree.setStatistics(SearchTree.ROOT, 100, 0);
    tree.setPrior(first, 0.5);
    tree.setStatistics(first, 60, 30);
    tree.setPrior(first + 1, 0.3);
    tree.setStatistics(first + 1, 30, 18);
    tree.setPrior(first + 2, 0.2);
    return tree;
  }

  @Test
  void puctWeighsTheBonusByThePrior() {
    SearchTree tree = puctTree();
    int a = tree.firstChild(SearchTree.ROOT);
    int b = a + 1;
    int e = a + 2;
    // c = 1.25: a 0.5 + 1.25·0.5·10/61 = 0.6025, b 0.6 + 1.25·0.3·10/31 = 0.7210, e 0 + 1.25·0.2·10/1 = 2.5
    assertThat(Puct.select(tree, SearchTree.ROOT, 1.25)).isEqualTo(e);
    // c = 0.1: a 0.5082, b 0.6097, e 0.2: an unvisited child (Q = 0) is not taken first
    assertThat(Puct.select(tree, SearchTree.ROOT, 0.1)).isEqualTo(b);
    // b and e tie where 0.6 + k·3/31 = 2k: k = 0.6 / (2 − 3/31)
    double crossover = 0.6 / (2 - 3.0 / 31);
    assertThat(Puct.select(tree, SearchTree.ROOT, crossover - 1e-6)).isEqualTo(b);
    assertThat(Puct.select(tree, SearchTree.ROOT, crossover + 1e-6)).isEqualTo(e);
  }

  @Test
  void puctValuesAnUnvisitedChildAtZero() {
    SearchTree tree = new SearchTree(8);
    int first = tree.addChildren(SearchTree.ROOT, 2);
    tree.setStatistics(SearchTree.ROOT, 4, 0);
    tree.setPrior(first, 0.9);
    tree.setStatistics(first, 4, -2); // Q = −0.5 < 0
    tree.setPrior(first + 1, 0.1);
    assertThat(Puct.select(tree, SearchTree.ROOT, 0)).isEqualTo(first + 1);
    tree.setStatistics(first, 4, 2); // Q = +0.5 > 0
    assertThat(Puct.select(tree, SearchTree.ROOT, 0)).isEqualTo(first);
    // c = 1: 0.5 + 0.9·2/5 = 0.86 against 0 + 0.1·2/1 = 0.2
    assertThat(Puct.select(tree, SearchTree.ROOT, 1)).isEqualTo(first);
  }

  @Test
  void puctAtAnUnvisitedNodeTakesTheFirstChild() {
    SearchTree tree = new SearchTree(8);
    int first = tree.addChildren(SearchTree.ROOT, 3);
    for (int k = 0; k < 3; k++) {
      tree.setPrior(first + k, 1.0 / 3);
    }
    // N(s) = 0: every score is 0, and the first of equals is the first in the (shuffled) storage order
    assertThat(Puct.select(tree, SearchTree.ROOT, 1.25)).isEqualTo(first);
  }

  @Test
  void theCentrePriorPeaksOnTheMiddleColumnAndTheCentreCell() {
    double[] p = new double[7];
    MovePrior.centre(7, 1.0).priors(null, 0b111_1111, p);
    double z = 1 + 2 * (Math.exp(-1) + Math.exp(-2) + Math.exp(-3));
    assertThat(p[3]).isCloseTo(1 / z, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(p[0]).isCloseTo(Math.exp(-3) / z, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(p[2]).isEqualTo(p[4]);
    assertThat(java.util.Arrays.stream(p).sum()).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-12));
    // only columns 0 and 6 legal: renormalised over them
    double[] q = new double[7];
    MovePrior.centre(7, 1.0).priors(null, 0b100_0001, q);
    assertThat(q[0]).isEqualTo(0.5);
    assertThat(q[6]).isEqualTo(0.5);
    assertThat(q[3]).isZero();

    double[] t = new double[9];
    MovePrior.centre(9, 0.5).priors(null, 0b1_1111_1111, t);
    double zt = 1 + 4 * Math.exp(-1 / 0.5) + 4 * Math.exp(-Math.sqrt(2) / 0.5);
    assertThat(t[4]).isCloseTo(1 / zt, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(t[1]).isCloseTo(Math.exp(-2) / zt, org.assertj.core.data.Offset.offset(1e-12)); // an edge
    assertThat(t[8]).isCloseTo(Math.exp(-2 * Math.sqrt(2)) / zt, org.assertj.core.data.Offset.offset(1e-12)); // a corner

    double[] u = new double[9];
    MovePrior.uniform().priors(null, 0b1_0000_0011, u);
    assertThat(u[0]).isEqualTo(1.0 / 3);
    assertThat(u[8]).isEqualTo(1.0 / 3);
    assertThat(u[4]).isZero();
  }
}
