package dev.rlx.algorithms.search;

import dev.rlx.api.Game;

/**
 * PUCT's prior P(a|s) over the legal moves of a position (references.md §5.2: AlphaZero's
 * policy network; here hand-written). Called once per expansion, so it must not allocate.
 */
public interface MovePrior {

  /**
   * Writes P(a|s) into {@code out[a]} for every legal move a (bit a of {@code legal}), summing to
   * 1 over them; other entries are left as they are.
   */
  void priors(Game position, long legal, double[] out);

  /** P(a|s) = 1 / (number of legal moves). */
  static MovePrior uniform() {
    return (position, legal, out) -> {
      double p = 1.0 / Long.bitCount(legal);
      for (long m = legal; m != 0; m &= m - 1) {
        out[Long.numberOfTrailingZeros(m)] = p;
      }
    };
  }

  /**
   * "Prefer centre moves" (references.md §5.2 exercise 3): P(a|s) = softmax over the legal moves
   * of −d(a) / temperature, d(a) the distance of move a from the centre of the board. The board's
   * shape is read from the number of moves: a square number k² ≥ 9 of moves is a k×k board of
   * cells numbered row by row (tic-tac-toe: the centre cell 4 has d = 0, the edges 1, the corners
   * √2, Euclidean), anything else a row of columns 0 .. n−1 whose centre is (n−1)/2 (Connect Four:
   * columns 0..6, centre 3, d = |column − 3|). Smaller temperatures concentrate P on the centre;
   * large ones approach uniform.
   */
  static MovePrior centre(int moveCount, double temperature) {
    if (!(temperature > 0)) {
      throw new IllegalArgumentException("the centre prior's temperature must be > 0, got " + temperature);
    }
    double[] weight = new double[moveCount];
    int side = (int) Math.round(Math.sqrt(moveCount));
    boolean square = side >= 3 && side * side == moveCount;
    for (int move = 0; move < moveCount; move++) {
      double distance;
      if (square) {
        double centre = (side - 1) / 2.0;
        distance = Math.hypot(move / side - centre, move % side - centre);
      } else {
        distance = Math.abs(move - (moveCount - 1) / 2.0);
      }
      weight[move] = Math.exp(-distance / temperature); // e^{−d/T}, normalised over the legal moves below
    }
    return (position, legal, out) -> {
      double sum = 0;
      for (long m = legal; m != 0; m &= m - 1) {
        sum += weight[Long.numberOfTrailingZeros(m)];
      }
      for (long m = legal; m != 0; m &= m - 1) {
        int move = Long.numberOfTrailingZeros(m);
        out[move] = weight[move] / sum;
      }
    };
  }
}
