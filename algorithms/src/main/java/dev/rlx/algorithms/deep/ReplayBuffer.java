package dev.rlx.algorithms.deep;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A uniform experience-replay buffer (references.md §2.3): a ring of the last {@code capacity}
 * transitions (s, a, r, s', terminated, discount) in flat primitive arrays, sampled uniformly
 * with replacement. An action is a row of {@code actionSize} floats: a real-valued action
 * vector (references.md §4), or one float holding a discrete action's index. s' of a truncated transition is the observation it was cut off in, and
 * terminated is false there, so the target still bootstraps. {@code discount} is the factor
 * of the bootstrap value, γ for a one-step transition and γ^m for an m-step return
 * ({@link NStepReturns}). {@link PrioritizedReplayBuffer} keeps its transitions in one of these.
 */
public final class ReplayBuffer {

  private final int capacity;
  private final int d;
  private final int actionSize;
  private final float[] obs;
  private final float[] nextObs;
  private final float[] actions;
  private final float[] rewards;
  private final boolean[] terminated;
  private final float[] discounts;
  private int next;
  private int size;

  /** A buffer of discrete actions (one index per transition). */
  public ReplayBuffer(int capacity, int observationSize) {
    this(capacity, observationSize, 1);
  }

  /** A buffer of actions {@code actionSize} floats wide. */
  public ReplayBuffer(int capacity, int observationSize, int actionSize) {
    if (capacity < 1) {
      throw new IllegalArgumentException("buffer capacity must be at least 1, got " + capacity);
    }
    this.capacity = capacity;
    this.d = observationSize;
    this.actionSize = actionSize;
    obs = new float[capacity * d];
    nextObs = new float[capacity * d];
    actions = new float[capacity * actionSize];
    rewards = new float[capacity];
    terminated = new boolean[capacity];
    discounts = new float[capacity];
  }

  public int size() {
    return size;
  }

  public int capacity() {
    return capacity;
  }

  /**
   * Stores a transition, overwriting the oldest once full; observations are copied from row
   * {@code row}. {@code reward} is r (or an n-step return), {@code discount} the factor of the
   * bootstrap value Q(s', ·). Returns the slot it was written to.
   */
  public int add(float[] observation, float[] nextObservation, int row, int action, float reward, boolean isTerminal,
      float discount) {
    int slot = add(observation, nextObservation, row, reward, isTerminal, discount);
    actions[slot] = action;
    return slot;
  }

  /** As {@link #add(float[], float[], int, int, float, boolean, float)}, with row {@code row} of {@code action}. */
  public int add(float[] observation, float[] nextObservation, int row, float[] action, float reward,
      boolean isTerminal, float discount) {
    int slot = add(observation, nextObservation, row, reward, isTerminal, discount);
    System.arraycopy(action, row * actionSize, actions, slot * actionSize, actionSize);
    return slot;
  }

  /** Writes all of a transition but its action; returns the slot. */
  private int add(float[] observation, float[] nextObservation, int row, float reward, boolean isTerminal,
      float discount) {
    int slot = next;
    System.arraycopy(observation, row * d, obs, slot * d, d);
    System.arraycopy(nextObservation, row * d, nextObs, slot * d, d);
    rewards[slot] = reward;
    terminated[slot] = isTerminal;
    discounts[slot] = discount;
    next = (next + 1) % capacity;
    size = Math.min(size + 1, capacity);
    return slot;
  }

  /** A minibatch of {@code batch.size()} transitions drawn uniformly, written into {@code batch} with weights 1. */
  public void sample(SplittableRandom rng, Batch batch) {
    for (int j = 0; j < batch.size(); j++) {
      copy(rng.nextInt(size), batch, j);
    }
    Arrays.fill(batch.weights(), 1f);
  }

  /** Writes the transition in slot {@code k} into row {@code j} of {@code batch}. */
  void copy(int k, Batch batch, int j) {
    System.arraycopy(obs, k * d, batch.obs(), j * d, d);
    System.arraycopy(nextObs, k * d, batch.nextObs(), j * d, d);
    batch.indices()[j] = k;
    System.arraycopy(actions, k * actionSize, batch.actions(), j * actionSize, actionSize);
    batch.rewards()[j] = rewards[k];
    batch.notTerminal()[j] = terminated[k] ? 0f : 1f;
    batch.discounts()[j] = discounts[k];
  }

  /**
   * Reusable minibatch arrays; {@code actions} is [size × actionSize], {@code weights} are the
   * importance weights (1 when sampled uniformly).
   */
  public record Batch(int size, float[] obs, float[] nextObs, int[] indices, float[] actions, float[] rewards,
      float[] notTerminal, float[] discounts, float[] weights) {

    /** A minibatch of discrete actions. */
    public Batch(int size, int observationSize) {
      this(size, observationSize, 1);
    }

    public Batch(int size, int observationSize, int actionSize) {
      this(size, new float[size * observationSize], new float[size * observationSize], new int[size],
          new float[size * actionSize], new float[size], new float[size], new float[size], new float[size]);
    }
  }
}
