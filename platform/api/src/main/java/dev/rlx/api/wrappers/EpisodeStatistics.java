package dev.rlx.api.wrappers;

import dev.rlx.api.BatchedEnvironment.Batch;
import java.util.Arrays;

/**
 * Per-copy episode return and length, as Gymnasium's {@code RecordEpisodeStatistics}
 * ({@code gymnasium/wrappers/vector/record_episode_statistics.py}): each step adds the reward to
 * the copy's running return and 1 to its length; where the episode ended (terminated or
 * truncated) the totals are published and the counters restart for the autoreset episode.
 * After a step, read {@link #completedReturn(int)}, {@link #completedLength(int)} and
 * {@link #completedTruncated(int)} of each copy i with {@link #completed(int)} (equivalently
 * {@code batch.done(i)}); they keep their values until that copy's next episode ends.
 *
 * <p>It records the rewards it is given, so wrap it innermost (directly around the environment)
 * to record the environment's own rewards, before any {@link RewardScaler}. Returns are summed
 * in double precision (Gymnasium uses float32). A {@code copy()} of a wrapped environment gets
 * fresh, independent statistics.
 */
public final class EpisodeStatistics implements BatchTransform<EpisodeStatistics> {

  private double[] runningReturn = new double[0];
  private int[] runningLength = new int[0];
  private boolean[] completed = new boolean[0];
  private double[] completedReturn = new double[0];
  private int[] completedLength = new int[0];
  private boolean[] completedTruncated = new boolean[0];
  private long episodes;

  @Override
  public void onReset(Batch batch) {
    int n = batch.size();
    if (runningReturn.length != n) {
      runningReturn = new double[n];
      runningLength = new int[n];
      completed = new boolean[n];
      completedReturn = new double[n];
      completedLength = new int[n];
      completedTruncated = new boolean[n];
    }
    Arrays.fill(runningReturn, 0);
    Arrays.fill(runningLength, 0);
    Arrays.fill(completed, false);
    Arrays.fill(completedReturn, 0);
    Arrays.fill(completedLength, 0);
    Arrays.fill(completedTruncated, false);
  }

  @Override
  public void onStep(Batch batch) {
    for (int i = 0; i < batch.size(); i++) {
      runningReturn[i] += batch.rewards()[i];
      runningLength[i]++;
      completed[i] = batch.done(i);
      if (completed[i]) {
        completedReturn[i] = runningReturn[i];
        completedLength[i] = runningLength[i];
        completedTruncated[i] = !batch.terminated()[i];
        runningReturn[i] = 0;
        runningLength[i] = 0;
        episodes++;
      }
    }
  }

  /** Whether copy i's episode ended at the last step. */
  public boolean completed(int copy) {
    return completed[copy];
  }

  /** The undiscounted return of copy i's last completed episode. */
  public double completedReturn(int copy) {
    return completedReturn[copy];
  }

  /** The number of steps of copy i's last completed episode. */
  public int completedLength(int copy) {
    return completedLength[copy];
  }

  /** Whether copy i's last completed episode was truncated (by a time limit) rather than terminated. */
  public boolean completedTruncated(int copy) {
    return completedTruncated[copy];
  }

  /** The return of copy i's episode in progress. */
  public double runningReturn(int copy) {
    return runningReturn[copy];
  }

  /** The steps taken so far in copy i's episode in progress. */
  public int runningLength(int copy) {
    return runningLength[copy];
  }

  /** Episodes completed since construction, over all copies (Gymnasium's {@code episode_count}). */
  public long episodes() {
    return episodes;
  }

  /** A copied environment gets its own, fresh statistics. */
  @Override
  public EpisodeStatistics forCopy() {
    return new EpisodeStatistics();
  }
}
