package dev.rlx.api.wrappers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rlx.api.BatchedEnvironment.Batch;
import org.junit.jupiter.api.Test;

/** Episode returns and lengths across same-step autoresets, worked out from the scripted rewards. */
class EpisodeStatisticsTest {

  private final Batch batch = Batch.of(3, ScriptedEnvironment.OBSERVATION_SIZE);

  @Test
  void publishesTheReturnAndLengthOfEachEndedEpisodeAndRestartsTheCounters() {
    var env = new TransformedVectorEnvironment<>(new ScriptedEnvironment(), new EpisodeStatistics());
    EpisodeStatistics stats = env.transform();
    env.reset(0, batch);
    for (int t = 1; t <= 7; t++) {
      env.step(new int[3], batch);
      for (int i = 0; i < 3; i++) {
        assertThat(stats.completed(i)).as("copy %d at step %d", i, t).isEqualTo(batch.done(i));
      }
      if (t == 3) { // copy 0 terminated: rewards 1 + t mod 3 = 2, 3, 1
        assertThat(stats.completedReturn(0)).isEqualTo(6.0);
        assertThat(stats.completedLength(0)).isEqualTo(3);
        assertThat(stats.completedTruncated(0)).isFalse();
        assertThat(stats.runningLength(0)).isZero();
      }
      if (t == 4) { // copy 1 truncated: rewards 2 + t mod 3 = 3, 4, 2, 3
        assertThat(stats.completedReturn(1)).isEqualTo(12.0);
        assertThat(stats.completedLength(1)).isEqualTo(4);
        assertThat(stats.completedTruncated(1)).isTrue();
        assertThat(stats.completedReturn(0)).as("kept until copy 0's next episode ends").isEqualTo(6.0);
      }
      if (t == 7) { // copy 0's second episode, steps 4..7: rewards 2, 3, 1, 2
        assertThat(stats.completedReturn(0)).isEqualTo(8.0);
        assertThat(stats.completedLength(0)).isEqualTo(4);
      }
    }
    assertThat(stats.runningReturn(2)).as("copy 2 never ends: rewards 3 + t mod 3").isEqualTo(4 + 5 + 3 + 4 + 5 + 3 + 4.0);
    assertThat(stats.runningLength(2)).isEqualTo(7);
    assertThat(stats.episodes()).isEqualTo(3);
  }

  @Test
  void innermostItRecordsTheEnvironmentsOwnRewardsWhileTheAlgorithmSeesScaledOnes() {
    var stats = new TransformedVectorEnvironment<>(new ScriptedEnvironment(), new EpisodeStatistics());
    var scaled = new TransformedVectorEnvironment<>(stats, new RewardScaler(0.99));
    scaled.reset(0, batch);
    double scaledSum = 0;
    for (int t = 1; t <= 3; t++) {
      scaled.step(new int[3], batch);
      scaledSum += batch.rewards()[0];
    }
    assertThat(stats.transform().completedReturn(0)).isEqualTo(6.0);
    assertThat(scaledSum).isNotCloseTo(6.0, org.assertj.core.api.Assertions.within(0.1));
  }

  @Test
  void aCopyStartsWithItsOwnFreshStatistics() {
    var env = new TransformedVectorEnvironment<>(new ScriptedEnvironment(), new EpisodeStatistics());
    env.reset(0, batch);
    env.step(new int[3], batch);
    var copy = env.copy();
    assertThat(copy.transform()).isNotSameAs(env.transform());
    copy.reset(0, Batch.of(1, ScriptedEnvironment.OBSERVATION_SIZE));
    assertThat(copy.transform().episodes()).isZero();
    assertThat(env.transform().runningLength(0)).isEqualTo(1);
  }
}
