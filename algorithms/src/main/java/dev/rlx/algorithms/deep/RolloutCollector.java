package dev.rlx.algorithms.deep;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.rlx.api.TrialContext;
import dev.rlx.api.VectorEnvironment;
import dev.rlx.api.wrappers.EpisodeStatistics;
import dev.rlx.api.wrappers.ObservationNormalizer;
import dev.rlx.api.wrappers.RewardScaler;
import java.util.SplittableRandom;

/**
 * Runs the current policy on {@code numEnvs} vectorised copies of an environment and fills a
 * {@link RolloutBuffer}, written once for PPO and A2C (SB3's {@code collect_rollouts}). Keeps
 * the environments' state between rollouts (episodes run across updates), records V(s_{t+1})
 * for every step — from the final observation where an episode was truncated, from V(s_T)
 * after the last step — and logs every finished training episode as
 * {@code charts/episodic_return} and {@code charts/episode_length} (raw rewards).
 *
 * <p>"Implementation matters" options (Engstrom et al. 2020) as environment wrappers
 * ({@code dev.rlx.api.wrappers}), innermost first: episode statistics of the raw rewards,
 * observation normalisation by a running mean/std updated during collection only (evaluation
 * runs on a copy that uses the statistics frozen), reward scaling by the running std of the
 * discounted return. Whether actions are discrete or continuous is decided once, by the
 * {@link ActingEnvironment} it is given.
 */
public final class RolloutCollector {

  private final ActingEnvironment env; // the wrapped training environment
  private final ActingEnvironment evaluationBase; // copies of it evaluate: frozen normalisation, raw rewards
  private final EpisodeStatistics episodes = new EpisodeStatistics();
  private final PolicyDistribution policy;
  private final TrialContext context;
  private final int n;
  private final int d;
  private final VectorEnvironment.Batch batch;
  private final float[] nextObs;
  private final float[] stepActions;
  private long globalStep;
  private int windowEpisodes; // training episodes finished since the last trainingTerminatedFraction()
  private int windowTerminated;

  public RolloutCollector(ActingEnvironment env, PolicyDistribution policy, int numEnvs, boolean normalizeObs,
      boolean scaleRewards, double gamma, TrialContext context) {
    this.policy = policy;
    this.context = context;
    this.n = numEnvs;
    this.d = env.environment().observationSize();
    ActingEnvironment recorded = env.wrap(episodes);
    this.evaluationBase = normalizeObs ? recorded.wrap(new ObservationNormalizer(d)) : recorded;
    this.env = scaleRewards ? evaluationBase.wrap(new RewardScaler(gamma)) : evaluationBase;
    this.batch = VectorEnvironment.Batch.of(n, d);
    this.stepActions = new float[n * policy.actionWidth()];
    this.env.environment().reset(context.seed(), batch);
    nextObs = batch.observations().clone();
  }

  /** Environment steps taken so far, over all copies. */
  public long globalStep() {
    return globalStep;
  }

  /**
   * The fraction of training episodes (the sampling policy) finished since the last call that
   * terminated rather than hit the time limit — on MountainCar, reached the goal — or NaN if none
   * finished; then starts a new window.
   */
  public double trainingTerminatedFraction() {
    double fraction = windowEpisodes == 0 ? Double.NaN : (double) windowTerminated / windowEpisodes;
    windowEpisodes = 0;
    windowTerminated = 0;
    return fraction;
  }

  /** Fills {@code buffer} with {@code buffer.steps()} steps of every copy under the actor's policy. */
  public void collect(RolloutBuffer buffer, Block actor, Block critic, ParameterStore store, NDManager manager,
      SplittableRandom rng) {
    int steps = buffer.steps();
    int w = policy.actionWidth();
    float[] values = buffer.values();
    float[] nextValues = buffer.nextValues();
    boolean[] terminated = buffer.terminated();
    boolean[] truncated = buffer.truncated();
    for (int t = 0; t < steps; t++) {
      System.arraycopy(nextObs, 0, buffer.observations(), t * n * d, n * d);
      float[] actorOut = Inference.predict(actor, store, manager, nextObs, n, d);
      float[] v = Inference.predict(critic, store, manager, nextObs, n, d);
      for (int i = 0; i < n; i++) {
        int k = t * n + i;
        values[k] = v[i];
        if (t > 0 && !(terminated[k - n] || truncated[k - n])) {
          nextValues[k - n] = v[i]; // V(s_{t+1}) of the previous step
        }
        buffer.logProbs()[k] = (float) policy.sample(actorOut, i, rng, stepActions);
      }
      System.arraycopy(stepActions, 0, buffer.actions(), t * n * w, n * w);
      env.step(stepActions, batch);
      globalStep += n;
      System.arraycopy(batch.observations(), 0, nextObs, 0, n * d);
      boolean anyTruncated = false;
      for (int i = 0; i < n; i++) {
        int k = t * n + i;
        buffer.rewards()[k] = batch.rewards()[i];
        terminated[k] = batch.terminated()[i];
        truncated[k] = batch.truncated()[i];
        anyTruncated |= truncated[k];
        if (episodes.completed(i)) {
          context.log("charts/episodic_return", globalStep, episodes.completedReturn(i));
          context.log("charts/episode_length", globalStep, episodes.completedLength(i));
          windowEpisodes++;
          windowTerminated += episodes.completedTruncated(i) ? 0 : 1;
        }
      }
      if (anyTruncated) {
        // V(final observation) bootstraps the return a time limit cut off.
        float[] finalValues = Inference.predict(critic, store, manager, batch.finalObservations(), n, d);
        for (int i = 0; i < n; i++) {
          if (truncated[t * n + i]) {
            nextValues[t * n + i] = finalValues[i];
          }
        }
      }
    }
    // V(s_T) bootstraps the last step of every copy that did not just end.
    float[] lastValues = Inference.predict(critic, store, manager, nextObs, n, d);
    for (int i = 0; i < n; i++) {
      int k = (steps - 1) * n + i;
      if (!(terminated[k] || truncated[k])) {
        nextValues[k] = lastValues[i];
      }
    }
  }

  /**
   * The mean return of {@code episodeCount} episodes of the deterministic policy (the most
   * probable action; a Gaussian's mean), one per copy of a fresh environment seeded apart from
   * training, observations normalised with the training statistics frozen.
   */
  public Evaluation evaluate(Block actor, ParameterStore store, NDManager manager, int episodeCount) {
    try (ActingEnvironment evalEnv = evaluationBase.copy()) {
      return evaluate(evalEnv, actor, store, manager, episodeCount);
    }
  }

  private Evaluation evaluate(ActingEnvironment evalEnv, Block actor, ParameterStore store, NDManager manager,
      int episodeCount) {
    VectorEnvironment.Batch evalBatch = VectorEnvironment.Batch.of(episodeCount, d);
    evalEnv.environment().reset(evaluationSeed(context.seed()), evalBatch);
    double[] total = new double[episodeCount];
    boolean[] finished = new boolean[episodeCount];
    int terminatedEpisodes = 0;
    int remaining = episodeCount;
    float[] chosen = new float[episodeCount * policy.actionWidth()];
    while (remaining > 0 && !context.isCancelled()) {
      float[] actorOut = Inference.predict(actor, store, manager, evalBatch.observations(), episodeCount, d);
      for (int i = 0; i < episodeCount; i++) {
        policy.mode(actorOut, i, chosen);
      }
      evalEnv.step(chosen, evalBatch);
      for (int i = 0; i < episodeCount; i++) {
        if (!finished[i]) {
          total[i] += evalBatch.rewards()[i];
          if (evalBatch.done(i)) {
            finished[i] = true;
            terminatedEpisodes += evalBatch.terminated()[i] ? 1 : 0;
            remaining--;
          }
        }
      }
    }
    double sum = 0;
    for (double r : total) {
      sum += r;
    }
    return new Evaluation(sum / episodeCount, (double) terminatedEpisodes / episodeCount);
  }

  /**
   * The outcome of an evaluation: the mean undiscounted return, and the fraction of episodes
   * that terminated rather than hit the time limit (reaching the goal on MountainCar, the
   * pole falling on CartPole).
   */
  public record Evaluation(double meanReturn, double terminatedFraction) {}

  /**
   * The seed of evaluation copy 0 (copy i gets seed + i): a hash of the trial's seed, so that
   * trials with neighbouring seeds do not share evaluation episodes (seed + constant would
   * give seeds s and s + 1 nine of ten starts in common, and error bands over seeds too narrow),
   * and far from the training copies' seeds.
   */
  static long evaluationSeed(long trialSeed) {
    return new java.util.SplittableRandom(trialSeed ^ 0x5EED_E7A1_0000_0000L).nextLong() >>> 1;
  }
}
