package dev.rlx.algorithms.tabular;

import dev.rlx.api.TrialContext;

/**
 * A trial's budget spent episode by episode, as every tabular and linear method spends it: the
 * next episode starts while episodes and steps are left and the trial is not cancelled, and a
 * step is counted into the budget and into the running episode's return and length.
 */
public final class EpisodeBudget {

  private final TrialContext context;
  private final long episodes;
  private final long stepBudget;
  private long episode;
  private long steps;
  private long length;
  private double episodicReturn;

  public EpisodeBudget(TrialContext context) {
    this.context = context;
    this.episodes = context.budget().maxEpisodes();
    this.stepBudget = context.budget().maxEnvSteps();
  }

  /** Starts the next episode (1-based), or returns false when the budget is spent or the trial cancelled. */
  public boolean nextEpisode() {
    episode++;
    if (!(episode <= episodes && steps < stepBudget && !context.isCancelled())) {
      return false;
    }
    length = 0;
    episodicReturn = 0;
    return true;
  }

  /** The running episode, from 1. */
  public long episode() {
    return episode;
  }

  /** Whether the budget allows another step. */
  public boolean stepsLeft() {
    return steps < stepBudget;
  }

  /** Counts one environment step that earned {@code reward}. */
  public void count(double reward) {
    steps++;
    length++;
    episodicReturn += reward;
  }

  /** Steps taken over all episodes. */
  public long steps() {
    return steps;
  }

  /** Logs {@code value} of {@code key} at the running episode. */
  public void log(String key, double value) {
    context.log(key, episode, value);
  }

  /** Steps taken in the running episode. */
  public long length() {
    return length;
  }

  /** Logs {@code charts/episodic_return} and then {@code charts/episode_length} of the running episode. */
  public void logReturnAndLength() {
    log("charts/episodic_return", episodicReturn);
    log("charts/episode_length", length);
  }

  /** The undiscounted return of the running episode so far. */
  public double episodicReturn() {
    return episodicReturn;
  }
}
