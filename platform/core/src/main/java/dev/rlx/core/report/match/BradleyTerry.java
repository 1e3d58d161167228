package dev.rlx.core.report.match;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Bradley–Terry ratings on the Elo scale from pairwise results (references.md §5.2, "Match play"):
 * P(i beats j) = γ_i / (γ_i + γ_j), fitted by maximum likelihood with Hunter's (2004) MM
 * iteration γ_i ← W_i / Σ_j n_ij / (γ_i + γ_j), a draw counting half a win to each side.
 *
 * <p>Every pairing that played gets one virtual draw (half a win each way) before fitting, so a
 * player that never won (random play against search) gets a finite rating; with n games the
 * prior moves a rating by at most a game's worth. Ratings are 400·log10 γ, centred on zero within
 * each group of players connected by games. The 95% intervals come from the observed Fisher
 * information of log γ (its pseudo-inverse under the centring).
 */
public final class BradleyTerry {

  private static final double ELO = 400 / Math.log(10);

  /** A player's rating and the half-width of its 95% interval, both in Elo points. */
  public record Rating(double rating, double ci95) {}

  private BradleyTerry() {}

  /**
   * Fits ratings to {@code points[i][j]} (i's points against j: wins plus half the draws) over
   * {@code games[i][j]} games (symmetric).
   */
  public static List<Rating> fit(double[][] points, double[][] games) {
    int k = points.length;
    double[][] w = new double[k][k];
    double[][] n = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        if (i != j && games[i][j] > 0) {
          w[i][j] = points[i][j] + 0.5; // the virtual draw
          n[i][j] = games[i][j] + 1;
        }
      }
    }
    Rating[] out = new Rating[k];
    for (int[] component : components(n)) {
      fitComponent(component, w, n, out);
    }
    return List.of(out);
  }

  private static void fitComponent(int[] members, double[][] w, double[][] n, Rating[] out) {
    int m = members.length;
    if (m == 1) {
      out[members[0]] = new Rating(0, Double.NaN);
      return;
    }
    double[] gamma = new double[m];
    Arrays.fill(gamma, 1);
    for (int iteration = 0; iteration < 100_000; iteration++) {
      double[] next = new double[m];
      double change = 0;
      for (int a = 0; a < m; a++) {
        double won = 0;
        double denominator = 0;
        for (int b = 0; b < m; b++) {
          int i = members[a];
          int j = members[b];
          if (a != b && n[i][j] > 0) {
            won += w[i][j];
            denominator += n[i][j] / (gamma[a] + gamma[b]);
          }
        }
        next[a] = won / denominator;
      }
      double logMean = Arrays.stream(next).map(Math::log).average().orElse(0);
      for (int a = 0; a < m; a++) {
        next[a] = Math.exp(Math.log(next[a]) - logMean);
        change = Math.max(change, Math.abs(Math.log(next[a] / gamma[a])));
      }
      gamma = next;
      if (change < 1e-12) {
        break;
      }
    }
    // Observed information of θ = log γ: I_aa = Σ_b n p(1−p), I_ab = −n p(1−p).
    double[][] information = new double[m][m];
    for (int a = 0; a < m; a++) {
      for (int b = 0; b < m; b++) {
        int i = members[a];
        int j = members[b];
        if (a != b && n[i][j] > 0) {
          double p = gamma[a] / (gamma[a] + gamma[b]);
          double v = n[i][j] * p * (1 - p);
          information[a][a] += v;
          information[a][b] -= v;
        }
      }
    }
    // The pseudo-inverse of a connected graph's information (null space: the constant vector),
    // the covariance of θ centred on zero: (I + J/m)⁻¹ − J/m.
    for (int a = 0; a < m; a++) {
      for (int b = 0; b < m; b++) {
        information[a][b] += 1.0 / m;
      }
    }
    double[][] covariance = invert(information);
    for (int a = 0; a < m; a++) {
      double variance = covariance[a][a] - 1.0 / m;
      out[members[a]] = new Rating(ELO * Math.log(gamma[a]), 1.96 * ELO * Math.sqrt(Math.max(variance, 0)));
    }
  }

  /** Groups of players connected by games played. */
  private static List<int[]> components(double[][] n) {
    int k = n.length;
    int[] component = new int[k];
    Arrays.fill(component, -1);
    List<int[]> out = new ArrayList<>();
    for (int start = 0; start < k; start++) {
      if (component[start] >= 0) {
        continue;
      }
      List<Integer> members = new ArrayList<>();
      java.util.ArrayDeque<Integer> todo = new java.util.ArrayDeque<>(List.of(start));
      component[start] = out.size();
      while (!todo.isEmpty()) {
        int i = todo.pop();
        members.add(i);
        for (int j = 0; j < k; j++) {
          if (n[i][j] > 0 && component[j] < 0) {
            component[j] = out.size();
            todo.push(j);
          }
        }
      }
      out.add(members.stream().sorted().mapToInt(Integer::intValue).toArray());
    }
    return out;
  }

  /** Gauss–Jordan inverse with partial pivoting (the matrices are a few players wide). */
  static double[][] invert(double[][] matrix) {
    int m = matrix.length;
    double[][] a = new double[m][2 * m];
    for (int i = 0; i < m; i++) {
      System.arraycopy(matrix[i], 0, a[i], 0, m);
      a[i][m + i] = 1;
    }
    for (int col = 0; col < m; col++) {
      int pivot = col;
      for (int r = col + 1; r < m; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
          pivot = r;
        }
      }
      double[] swap = a[col];
      a[col] = a[pivot];
      a[pivot] = swap;
      double d = a[col][col];
      for (int c = 0; c < 2 * m; c++) {
        a[col][c] /= d;
      }
      for (int r = 0; r < m; r++) {
        if (r != col && a[r][col] != 0) {
          double f = a[r][col];
          for (int c = 0; c < 2 * m; c++) {
            a[r][c] -= f * a[col][c];
          }
        }
      }
    }
    double[][] inverse = new double[m][m];
    for (int i = 0; i < m; i++) {
      System.arraycopy(a[i], m, inverse[i], 0, m);
    }
    return inverse;
  }
}
