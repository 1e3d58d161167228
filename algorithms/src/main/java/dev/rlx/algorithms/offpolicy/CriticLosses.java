package dev.rlx.algorithms.offpolicy;

import ai.djl.ndarray.NDArray;
import dev.rlx.algorithms.deep.Learner;

/**
 * The critics' regression onto one target y: loss = Σ_i mean_j (Q_φi(s_j, a_j) − y_j)², with
 * each critic's term and mean estimate kept for the diagnostics {@code losses/qf{i}_loss} and
 * {@code q/qf{i}_mean}.
 */
public record CriticLosses(NDArray loss, NDArray[] terms, NDArray[] q) implements Learner.Objective {

  /** The losses of critics' outputs {@code q} ([B, 1] or [B] each) against {@code y} [B]. */
  public static CriticLosses of(NDArray[] q, NDArray y) {
    NDArray[] terms = new NDArray[q.length];
    NDArray loss = null;
    for (int i = 0; i < q.length; i++) {
      q[i] = q[i].reshape(-1);
      terms[i] = q[i].sub(y).square().mean();
      loss = loss == null ? terms[i] : loss.add(terms[i]);
    }
    return new CriticLosses(loss, terms, q);
  }

  /** The diagnostics' names for {@code critics} critics, then the gradient norm's. */
  public static Diagnostics diagnostics(int critics) {
    String[] names = new String[2 * critics + 1];
    for (int i = 0; i < critics; i++) {
      names[i] = "losses/qf" + (i + 1) + "_loss";
      names[critics + i] = "q/qf" + (i + 1) + "_mean";
    }
    names[2 * critics] = "losses/critic_grad_norm";
    return new Diagnostics(names);
  }

  /** This step's values in the order of {@link #diagnostics}: losses, mean Q estimates, gradient norm. */
  public double[] values(double gradNorm) {
    double[] values = new double[2 * terms.length + 1];
    for (int i = 0; i < terms.length; i++) {
      values[i] = terms[i].getFloat();
      values[terms.length + i] = q[i].mean().getFloat();
    }
    values[2 * terms.length] = gradNorm;
    return values;
  }
}
