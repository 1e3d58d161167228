package dev.rlx.api;

import java.nio.file.Path;

/**
 * What a running trial can see of the platform: its identity, seed and budget, where to log
 * metrics, where to write files, and whether it has been cancelled. Plugins never see the
 * results store or MLflow.
 */
public interface TrialContext {

  /** The trial's content-hash id. */
  String trialId();

  /** The trial's seed: every RNG the algorithm and environment use derives from it. */
  long seed();

  /** How long to train. */
  Budget budget();

  /** How to evaluate; {@link Evaluation#NONE} when the spec has no evaluation section. */
  Evaluation evaluation();

  /** The device the trial was placed on. */
  Device device();

  /** A directory of the trial's own, for checkpoints and artifacts; created before train(). */
  Path runDirectory();

  /**
   * Records {@code value} of metric {@code key} at {@code step}. Keys use fixed namespaces
   * across algorithms ({@code eval/return}, {@code charts/episodic_return},
   * {@code losses/policy_loss}, …). Logging the same key and step twice keeps the last value.
   */
  void log(String key, long step, double value);

  /** True once the trial is cancelled (Ctrl-C or timeout): stop promptly. */
  boolean isCancelled();

  /** Training budget: exactly one of the two is positive. */
  record Budget(long envSteps, long episodes) {
    public Budget {
      if ((envSteps > 0) == (episodes > 0)) {
        throw new IllegalArgumentException("a budget has exactly one of env_steps or episodes, got " + envSteps + ", " + episodes);
      }
    }

    /** Episodes to train for; unbounded when the budget is in environment steps. */
    public long maxEpisodes() {
      return episodes > 0 ? episodes : Long.MAX_VALUE;
    }

    /** Environment steps to train for; unbounded when the budget is in episodes. */
    public long maxEnvSteps() {
      return envSteps > 0 ? envSteps : Long.MAX_VALUE;
    }
  }

  /** Evaluation schedule; zeros mean "not set". */
  record Evaluation(long everySteps, long everyEpisodes, long episodes) {
    public static final Evaluation NONE = new Evaluation(0, 0, 0);
  }
}
