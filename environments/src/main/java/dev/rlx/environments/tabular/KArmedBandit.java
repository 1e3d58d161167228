package dev.rlx.environments.tabular;

import dev.rlx.api.KnownOptimalActions;
import dev.rlx.api.TabularEnvironment;
import jakarta.inject.Inject;
import java.util.SplittableRandom;

/**
 * The k-armed bandit testbed of Sutton &amp; Barto §2.3: {@code reset(seed)} draws a new problem,
 * true values q*(a) ~ N(mean_offset, value_std²) for each arm; pulling arm a pays
 * R ~ N(q*(a), reward_std²). With {@code walk_std} &gt; 0 every q*(a) then takes an independent
 * N(0, walk_std²) step after each pull (nonstationary, Exercise 2.5).
 *
 * <p>As a {@link TabularEnvironment} it has one state (0) and k actions, and every pull is a
 * one-step episode that terminates, so nothing bootstraps across pulls; {@code reset()} starts
 * the next pull of the same problem. It knows its optimal arm ({@link KnownOptimalActions}).
 */
public final class KArmedBandit implements TabularEnvironment, KnownOptimalActions {

  private final KArmedBanditParams params;
  private final double[] qStar;
  private SplittableRandom rng = new SplittableRandom(0);

  @Inject
  public KArmedBandit(KArmedBanditParams params) {
    this.params = params;
    this.qStar = new double[params.k()];
    draw();
  }

  @Override
  public int stateCount() {
    return 1;
  }

  @Override
  public int actionCount() {
    return params.k();
  }

  /** Draws a new problem q* from {@code seed}; rewards then continue the same stream. */
  @Override
  public int reset(long seed) {
    rng = new SplittableRandom(seed);
    draw();
    return reset();
  }

  @Override
  public int reset() {
    return 0;
  }

  @Override
  public Step step(int action) {
    double reward = qStar[action] + params.rewardStd() * rng.nextGaussian();
    if (params.walkStd() > 0) {
      for (int a = 0; a < qStar.length; a++) {
        qStar[a] += params.walkStd() * rng.nextGaussian();
      }
    }
    return new Step(0, reward, true, false);
  }

  @Override
  public boolean isOptimal(int state, int action) {
    for (double q : qStar) {
      if (q > qStar[action]) {
        return false;
      }
    }
    return true;
  }

  /** A copy of the true values q*(a) now. */
  public double[] trueValues() {
    return qStar.clone();
  }

  private void draw() {
    for (int a = 0; a < qStar.length; a++) {
      qStar[a] = params.meanOffset() + params.valueStd() * rng.nextGaussian();
    }
  }
}
