package dev.rlx.algorithms.deep;

import dev.rlx.api.TrialContext;

/**
 * The return and length of the episode in progress in a single-copy training loop (DQN's, the
 * off-policy actor-critics'), logged as {@code charts/episodic_return} and
 * {@code charts/episode_length} at the step it ends.
 */
public final class EpisodeLog {

  private final TrialContext context;
  private double episodeReturn;
  private long episodeLength;

  public EpisodeLog(TrialContext context) {
    this.context = context;
  }

  /** Adds a step's reward; when {@code done}, logs the episode at {@code step} and starts the next. */
  public void add(long step, double reward, boolean done) {
    episodeReturn += reward;
    episodeLength++;
    if (done) {
      context.log("charts/episodic_return", step, episodeReturn);
      context.log("charts/episode_length", step, episodeLength);
      episodeReturn = 0;
      episodeLength = 0;
    }
  }
}
