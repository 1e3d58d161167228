package dev.rlx.api.wrappers;

import dev.rlx.api.ContinuousActionVectorEnvironment;
import dev.rlx.api.VectorEnvironment;

/**
 * A vector environment (discrete and Box actions alike) whose batches are known functions of
 * the step t and the copy i, so tests can work out by hand what a wrapper must produce. Copy 0
 * terminates at t = 3, 7, 11, …; copy 1 is truncated at t = 4, 9, 14, …; other copies never end.
 * Rows of {@code finalObservations} of copies that did not end hold {@link #STALE}.
 */
final class ScriptedEnvironment implements VectorEnvironment, ContinuousActionVectorEnvironment {

  static final int OBSERVATION_SIZE = 3;
  static final float STALE = 12345f;

  private int t;

  /** Observation component k of copy i after step t (t = 0: the reset). */
  static float observation(int t, int i, int k) {
    return (float) (Math.sin(0.7 * t + 1.3 * i + 0.5 * k) * (k + 1) + 0.25 * t);
  }

  /** The last observation of copy i's episode that ended at step t. */
  static float finalObservation(int t, int i, int k) {
    return observation(t, i, k) + 3;
  }

  static float reward(int t, int i) {
    return 1 + i + t % 3;
  }

  static boolean terminated(int t, int i) {
    return i == 0 && t % 4 == 3;
  }

  static boolean truncated(int t, int i) {
    return i == 1 && t % 5 == 4;
  }

  @Override
  public int observationSize() {
    return OBSERVATION_SIZE;
  }

  @Override
  public int actionCount() {
    return 2;
  }

  @Override
  public int actionSize() {
    return 1;
  }

  @Override
  public float[] actionLow() {
    return new float[] {-1};
  }

  @Override
  public float[] actionHigh() {
    return new float[] {1};
  }

  @Override
  public void reset(long seed, Batch batch) {
    t = 0;
    for (int i = 0; i < batch.size(); i++) {
      write(i, batch.observations(), false);
      batch.rewards()[i] = 0;
      batch.terminated()[i] = false;
      batch.truncated()[i] = false;
    }
  }

  @Override
  public void step(int[] actions, Batch batch) {
    step(batch);
  }

  @Override
  public void step(float[] actions, Batch batch) {
    step(batch);
  }

  private void step(Batch batch) {
    t++;
    for (int i = 0; i < batch.size(); i++) {
      batch.rewards()[i] = reward(t, i);
      batch.terminated()[i] = terminated(t, i);
      batch.truncated()[i] = truncated(t, i);
      write(i, batch.observations(), false);
      if (batch.done(i)) {
        write(i, batch.finalObservations(), true);
      } else {
        for (int k = 0; k < OBSERVATION_SIZE; k++) {
          batch.finalObservations()[i * OBSERVATION_SIZE + k] = STALE;
        }
      }
    }
  }

  private void write(int i, float[] out, boolean last) {
    for (int k = 0; k < OBSERVATION_SIZE; k++) {
      out[i * OBSERVATION_SIZE + k] = last ? finalObservation(t, i, k) : observation(t, i, k);
    }
  }

  @Override
  public ScriptedEnvironment copy() {
    return new ScriptedEnvironment();
  }
}
