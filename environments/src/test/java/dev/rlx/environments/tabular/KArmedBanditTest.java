package dev.rlx.environments.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rlx.api.TabularEnvironment;
import org.junit.jupiter.api.Test;

/** The k-armed testbed of Sutton &amp; Barto §2.3. */
class KArmedBanditTest {

  private static KArmedBandit testbed() {
    return new KArmedBandit(new KArmedBanditParams(10, 0.0, 1.0, 1.0, 0.0));
  }

  @Test
  void theSameSeedDrawsTheSameProblem() {
    KArmedBandit bandit = testbed();
    bandit.reset(42);
    double[] first = bandit.trueValues();
    bandit.step(3);
    bandit.reset(); // the next pull of the same problem: q* unchanged
    assertThat(bandit.trueValues()).containsExactly(first);
    bandit.reset(42);
    assertThat(bandit.trueValues()).containsExactly(first);
    assertThat(testbed().trueValues()).isNotEqualTo(first); // seed 0
    KArmedBandit other = testbed();
    other.reset(43);
    assertThat(other.trueValues()).isNotEqualTo(first);
  }

  @Test
  void trueValuesAreStandardNormalAcrossProblems() {
    KArmedBandit bandit = new KArmedBandit(new KArmedBanditParams(10, 4.0, 1.0, 1.0, 0.0));
    double sum = 0;
    double sumSq = 0;
    int count = 0;
    for (long seed = 0; seed < 2_000; seed++) {
      bandit.reset(seed);
      for (double q : bandit.trueValues()) {
        sum += q;
        sumSq += q * q;
        count++;
      }
    }
    double mean = sum / count;
    assertThat(mean).isCloseTo(4.0, within(0.05)); // standard error 0.007
    assertThat(sumSq / count - mean * mean).isCloseTo(1.0, within(0.05));
  }

  @Test
  void rewardsAreNormalAroundTheArmsTrueValue() {
    KArmedBandit bandit = testbed();
    bandit.reset(7);
    double[] qStar = bandit.trueValues();
    for (int arm : new int[] {0, 5}) {
      double sum = 0;
      double sumSq = 0;
      int pulls = 100_000;
      for (int i = 0; i < pulls; i++) {
        bandit.reset();
        TabularEnvironment.Step step = bandit.step(arm);
        assertThat(step.terminated()).isTrue();
        assertThat(step.state()).isZero();
        sum += step.reward();
        sumSq += step.reward() * step.reward();
      }
      double mean = sum / pulls;
      assertThat(mean).isCloseTo(qStar[arm], within(0.015)); // standard error 0.003
      assertThat(sumSq / pulls - mean * mean).isCloseTo(1.0, within(0.02));
    }
  }

  @Test
  void theOptimalArmIsTheArgmaxOfTheTrueValues() {
    KArmedBandit bandit = testbed();
    for (long seed = 0; seed < 20; seed++) {
      bandit.reset(seed);
      double[] qStar = bandit.trueValues();
      int best = 0;
      for (int a = 1; a < qStar.length; a++) {
        best = qStar[a] > qStar[best] ? a : best;
      }
      for (int a = 0; a < qStar.length; a++) {
        assertThat(bandit.isOptimal(0, a)).isEqualTo(a == best);
      }
    }
  }

  @Test
  void aRandomWalkMovesEveryTrueValueBySmallSteps() {
    // Exercise 2.5: all q* start equal (value_std 0) and take N(0, 0.01²) steps after each pull.
    KArmedBandit bandit = new KArmedBandit(new KArmedBanditParams(10, 0.0, 0.0, 1.0, 0.01));
    bandit.reset(1);
    assertThat(bandit.trueValues()).containsOnly(0.0);
    double sumSq = 0;
    int pulls = 10_000;
    for (int i = 0; i < pulls; i++) {
      double[] before = bandit.trueValues();
      bandit.step(0);
      double[] after = bandit.trueValues();
      for (int a = 0; a < 10; a++) {
        sumSq += (after[a] - before[a]) * (after[a] - before[a]);
      }
    }
    assertThat(Math.sqrt(sumSq / (10.0 * pulls))).isCloseTo(0.01, within(0.0005));
  }
}
