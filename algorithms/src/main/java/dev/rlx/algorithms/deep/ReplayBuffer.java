package dev.rlx.algorithms.deep;

import java.util.SplittableRandom;

/**
 * A uniform experience-replay buffer (rl-reference §2.3): a ring of the last {@code capacity}
 * transitions (s, a, r, s', terminated) in flat primitive arrays, sampled uniformly with
 * replacement. s' of a truncated transition is the observation it was cut off in, and
 * terminated is false there, so the target still bootstraps.
 */
public final class ReplayBuffer {

  private final int capacity;
  private final int d;
  private final float[] obs;
  private final float[] nextObs;
  private final int[] actions;
  private final float[] rewards;
  private final boolean[] terminated;
  private int next;
  private int size;

  public ReplayBuffer(int capacity, int observationSize) {
    this.capacity = capacity;
    this.d = observationSize;
    obs = new float[capacity * d];
    nextObs = new float[capacity * d];
    actions = new int[capacity];
    rewards = new float[capacity];
    terminated = new boolean[capacity];
  }

  public int size() {
    return size;
  }

  /** Stores a transition, overwriting the oldest once full; observations are copied from row {@code row}. */
  public void add(float[] observation, float[] nextObservation, int row, int action, float reward, boolean isTerminal) {
    System.arraycopy(observation, row * d, obs, next * d, d);
    System.arraycopy(nextObservation, row * d, nextObs, next * d, d);
    actions[next] = action;
    rewards[next] = reward;
    terminated[next] = isTerminal;
    next = (next + 1) % capacity;
    size = Math.min(size + 1, capacity);
  }

  /** A minibatch of {@code batch.size} transitions drawn uniformly, written into {@code batch}. */
  public void sample(SplittableRandom rng, Batch batch) {
    for (int j = 0; j < batch.size; j++) {
      int k = rng.nextInt(size);
      System.arraycopy(obs, k * d, batch.obs, j * d, d);
      System.arraycopy(nextObs, k * d, batch.nextObs, j * d, d);
      batch.actions[j] = actions[k];
      batch.rewards[j] = rewards[k];
      batch.notTerminal[j] = terminated[k] ? 0f : 1f;
    }
  }

  /** Reusable minibatch arrays. */
  public static final class Batch {
    public final int size;
    public final float[] obs;
    public final float[] nextObs;
    public final long[] actions;
    public final float[] rewards;
    public final float[] notTerminal;

    public Batch(int size, int observationSize) {
      this.size = size;
      obs = new float[size * observationSize];
      nextObs = new float[size * observationSize];
      actions = new long[size];
      rewards = new float[size];
      notTerminal = new float[size];
    }
  }
}
