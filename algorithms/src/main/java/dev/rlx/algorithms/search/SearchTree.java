package dev.rlx.algorithms.search;

import java.util.Arrays;

/**
 * The tree of a Monte Carlo tree search (references.md §5.2) as a pool of nodes in parallel
 * primitive arrays, so that a simulation allocates nothing: a node is an index, and for each
 * node the pool holds its visit count N, its total value W (Q = W / N), the index of its first
 * child and its number of children (the children of a node are contiguous), the move that leads
 * into it and its prior P (PUCT's P(a|s); unused by UCT). The pool grows by doubling and is
 * reused: {@link #reset()} empties it for the next move without freeing anything.
 *
 * <p>Values are stored from the perspective of the player who made the move into the node
 * (the player to move at its parent), so a parent picks the child with the largest Q for
 * itself, and a backup negates the outcome at every level (two-player zero-sum, outcome +1 win,
 * 0 draw, −1 loss). The root's value belongs to the player who moved into the root position.
 *
 * <p>Node {@link #ROOT} is the root; a node with no children is a leaf (unexpanded, or
 * terminal).
 */
public final class SearchTree {

  /** The index of the root. */
  public static final int ROOT = 0;

  private int[] visits;
  private double[] totalValue;
  private int[] firstChild;
  private byte[] childCount;
  private byte[] move;
  private float[] prior;
  private int size;

  /** The spare arrays {@link #promote} copies a subtree into (made on its first use). */
  private int[] spareVisits;
  private double[] spareValue;
  private int[] spareFirstChild;
  private byte[] spareChildCount;
  private byte[] spareMove;
  private float[] sparePrior;
  /** For each node of the copy, the node of the old tree it is a copy of. */
  private int[] origin;

  /** A tree holding only an unvisited root, with room for {@code capacity} nodes before it grows. */
  public SearchTree(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1 node, got " + capacity);
    }
    visits = new int[capacity];
    totalValue = new double[capacity];
    firstChild = new int[capacity];
    childCount = new byte[capacity];
    move = new byte[capacity];
    prior = new float[capacity];
    reset();
  }

  /** Empties the tree down to an unvisited root with no children (keeps the memory). */
  public void reset() {
    size = 1;
    clear(ROOT);
    move[ROOT] = -1;
  }

  private void clear(int node) {
    visits[node] = 0;
    totalValue[node] = 0;
    firstChild[node] = 0;
    childCount[node] = 0;
    prior[node] = 0;
  }

  /** The nodes in use. */
  public int size() {
    return size;
  }

  /** The nodes the pool holds before it next grows. */
  public int capacity() {
    return visits.length;
  }

  /**
   * Gives {@code node}, a leaf, {@code count} unvisited children (moves and priors to be set by
   * the caller), contiguous from the returned index; grows the pool (doubling) when full.
   */
  public int addChildren(int node, int count) {
    if (childCount[node] != 0) {
      throw new IllegalStateException("node " + node + " is already expanded (" + childCount[node] + " children)");
    }
    if (count < 1 || count > 64) {
      throw new IllegalArgumentException("a node has 1 to 64 children (moves of a legal-move mask), got " + count);
    }
    if (size + count > visits.length) {
      grow(size + count);
    }
    int first = size;
    for (int child = first; child < first + count; child++) {
      clear(child);
    }
    firstChild[node] = first;
    childCount[node] = (byte) count;
    size += count;
    return first;
  }

  private void grow(int needed) {
    int capacity = Math.max(needed, visits.length * 2);
    if (capacity < 0) {
      throw new IllegalStateException("search tree cannot grow past " + visits.length + " nodes");
    }
    visits = Arrays.copyOf(visits, capacity);
    totalValue = Arrays.copyOf(totalValue, capacity);
    firstChild = Arrays.copyOf(firstChild, capacity);
    childCount = Arrays.copyOf(childCount, capacity);
    move = Arrays.copyOf(move, capacity);
    prior = Arrays.copyOf(prior, capacity);
  }

  /**
   * Makes {@code child}, a child of the root, the new root, keeping its subtree (statistics,
   * moves, priors) and dropping the rest: the subtree is copied breadth-first to the front of
   * the pool, so children stay contiguous and the freed nodes are reused. Allocates only the
   * first time, or after the pool grew.
   */
  public void promote(int child) {
    int rootFirst = firstChild[ROOT];
    if (child < rootFirst || child >= rootFirst + childCount[ROOT]) {
      throw new IllegalArgumentException("node " + child + " is not a child of the root");
    }
    int capacity = visits.length;
    if (spareVisits == null || spareVisits.length != capacity) {
      spareVisits = new int[capacity];
      spareValue = new double[capacity];
      spareFirstChild = new int[capacity];
      spareChildCount = new byte[capacity];
      spareMove = new byte[capacity];
      sparePrior = new float[capacity];
      origin = new int[capacity];
    }
    origin[ROOT] = child;
    int next = 1;
    for (int copy = 0; copy < next; copy++) {
      int old = origin[copy];
      spareVisits[copy] = visits[old];
      spareValue[copy] = totalValue[old];
      spareChildCount[copy] = childCount[old];
      spareMove[copy] = move[old];
      sparePrior[copy] = prior[old];
      int count = childCount[old];
      spareFirstChild[copy] = count == 0 ? 0 : next;
      for (int k = 0; k < count; k++) {
        origin[next + k] = firstChild[old] + k;
      }
      next += count;
    }
    int[] i = visits; visits = spareVisits; spareVisits = i;
    double[] d = totalValue; totalValue = spareValue; spareValue = d;
    i = firstChild; firstChild = spareFirstChild; spareFirstChild = i;
    byte[] b = childCount; childCount = spareChildCount; spareChildCount = b;
    b = move; move = spareMove; spareMove = b;
    float[] f = prior; prior = sparePrior; sparePrior = f;
    move[ROOT] = -1;
    size = next;
  }

  /** The child of {@code node} reached by {@code move}, or −1 when it has none (a leaf, or no such move). */
  public int childWithMove(int node, int move) {
    int first = firstChild[node];
    for (int child = first, end = first + childCount[node]; child < end; child++) {
      if (this.move[child] == move) {
        return child;
      }
    }
    return -1;
  }

  /** N: the simulations that went through {@code node}. */
  public int visits(int node) {
    return visits[node];
  }

  /** W: the sum of their outcomes, for the player who moved into {@code node}. */
  public double totalValue(int node) {
    return totalValue[node];
  }

  /** Q = W / N, or 0 for an unvisited node. */
  public double meanValue(int node) {
    int n = visits[node];
    return n == 0 ? 0 : totalValue[node] / n;
  }

  public int firstChild(int node) {
    return firstChild[node];
  }

  public int childCount(int node) {
    return childCount[node];
  }

  /** The move that leads into {@code node} from its parent; −1 for the root. */
  public int move(int node) {
    return move[node];
  }

  /** P: the prior probability of the move into {@code node}, given at expansion. */
  public double prior(int node) {
    return prior[node];
  }

  public void setMove(int node, int move) {
    this.move[node] = (byte) move;
  }

  public void setPrior(int node, double prior) {
    this.prior[node] = (float) prior;
  }

  /** Sets N and W of {@code node} (hand-built trees in tests; the search only backs up). */
  public void setStatistics(int node, int visits, double totalValue) {
    this.visits[node] = visits;
    this.totalValue[node] = totalValue;
  }

  /** One simulation's outcome {@code value} (for the player who moved into {@code node}) added to it. */
  public void update(int node, double value) {
    visits[node]++;
    totalValue[node] += value;
  }

  /**
   * Backs up one simulation along {@code path[0..depth]} (the root first, the leaf last):
   * N += 1 at every node, and W += the outcome for the player who moved into the node, which is
   * {@code leafValue} at the leaf and flips sign at every level up (zero-sum, alternating moves).
   */
  public void backup(int[] path, int depth, double leafValue) {
    double value = leafValue;
    for (int d = depth; d >= 0; d--) {
      int node = path[d];
      visits[node]++;
      totalValue[node] += value;
      value = -value;
    }
  }

  /** Direct views of the arrays for the selection rules' inner loops (valid until the pool next grows). */
  int[] visitsArray() {
    return visits;
  }

  double[] totalValueArray() {
    return totalValue;
  }

  float[] priorArray() {
    return prior;
  }
}
