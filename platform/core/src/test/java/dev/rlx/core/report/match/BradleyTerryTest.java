package dev.rlx.core.report.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class BradleyTerryTest {

  private static final double ELO = 400 / Math.log(10);

  @Test
  void twoPlayersMatchTheClosedFormWithTheVirtualDraw() {
    // A scores 15 of 20 (13 wins, 4 draws): with one virtual draw, p = 15.5 / 21.
    List<BradleyTerry.Rating> r = BradleyTerry.fit(new double[][] {{0, 15}, {5, 0}}, new double[][] {{0, 20}, {20, 0}});
    double difference = 400 * Math.log10(15.5 / 5.5);
    assertThat(r.get(0).rating()).isCloseTo(difference / 2, within(1e-6));
    assertThat(r.get(1).rating()).isCloseTo(-difference / 2, within(1e-6));
    // Var(θ_A) under centring: a quarter of Var(θ_A − θ_B) = 1 / (4 n p (1 − p)), n = 21.
    double p = 15.5 / 21;
    double ci = 1.96 * ELO * Math.sqrt(1 / (4 * 21 * p * (1 - p)));
    assertThat(r.get(0).ci95()).isCloseTo(ci, within(1e-6));
    assertThat(r.get(1).ci95()).isCloseTo(ci, within(1e-6));
  }

  @Test
  void recoversStrengthsThatExplainTheResultsExactly() {
    // γ = (4, 2, 1), 29 games a pair (30 with the virtual draw): i's points = 30 γ_i / (γ_i + γ_j) − ½.
    double[][] points = new double[3][3];
    double[] gamma = {4, 2, 1};
    double[][] games = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        if (i != j) {
          games[i][j] = 29;
          points[i][j] = 30 * gamma[i] / (gamma[i] + gamma[j]) - 0.5;
        }
      }
    }
    List<BradleyTerry.Rating> r = BradleyTerry.fit(points, games);
    double step = 400 * Math.log10(2);
    assertThat(r.get(0).rating()).isCloseTo(step, within(1e-6));
    assertThat(r.get(1).rating()).isCloseTo(0, within(1e-6));
    assertThat(r.get(2).rating()).isCloseTo(-step, within(1e-6));
  }

  @Test
  void aPlayerWhoNeverWonStillHasAFiniteRating() {
    List<BradleyTerry.Rating> r = BradleyTerry.fit(new double[][] {{0, 50}, {0, 0}}, new double[][] {{0, 50}, {50, 0}});
    assertThat(r.get(1).rating()).isFinite().isCloseTo(-200 * Math.log10(50.5 / 0.5), within(1e-6));
  }

  @Test
  void playersWhoNeverMetAreRatedWithinTheirOwnGroups() {
    double[][] points = {{0, 3, 0, 0}, {1, 0, 0, 0}, {0, 0, 0, 2}, {0, 0, 2, 0}};
    double[][] games = {{0, 4, 0, 0}, {4, 0, 0, 0}, {0, 0, 0, 4}, {0, 0, 4, 0}};
    List<BradleyTerry.Rating> r = BradleyTerry.fit(points, games);
    assertThat(r.get(0).rating() + r.get(1).rating()).isCloseTo(0, within(1e-9));
    assertThat(r.get(2).rating()).isCloseTo(0, within(1e-9));
    assertThat(r.get(3).rating()).isCloseTo(0, within(1e-9));
    assertThat(r.get(0).rating()).isCloseTo(200 * Math.log10(3.5 / 1.5), within(1e-6));
  }
}
