package dev.rlx.algorithms.deep;

/**
 * On-policy storage for one rollout of {@code steps} transitions on each of {@code envs}
 * vectorised copies, [t][copy] row-major (index t·envs + i), and the advantages and returns
 * computed from it with GAE (references.md §6.6; {@link Gae}): V(s_{t+1}) is the value of the
 * state each step reached — for a truncated episode the observation it was cut off in, for
 * the last step V(s_T) — and is not used where the episode terminated. λ = 1 with a
 * {@code steps}-long rollout gives the n-step returns of A2C; λ = 0 the one-step TD advantage.
 */
public record RolloutBuffer(int steps, int envs, int observationSize, int actionWidth, float[] observations,
    float[] actions, float[] logProbs, float[] rewards, float[] values, float[] nextValues, boolean[] terminated,
    boolean[] truncated, float[] advantages, float[] returns) {

  /** Empty storage for {@code steps} × {@code envs} transitions. */
  public RolloutBuffer(int steps, int envs, int observationSize, int actionWidth) {
    this(steps, envs, observationSize, actionWidth, new float[steps * envs * observationSize],
        new float[steps * envs * actionWidth], new float[steps * envs], new float[steps * envs],
        new float[steps * envs], new float[steps * envs], new boolean[steps * envs], new boolean[steps * envs],
        new float[steps * envs], new float[steps * envs]);
  }

  /** Â_t by GAE(γ, λ), then the value targets R_t = Â_t + V(s_t). */
  public void computeAdvantages(double gamma, double lambda) {
    Gae.compute(steps, envs, rewards, values, nextValues, terminated, truncated, gamma, lambda, advantages);
    for (int k = 0; k < size(); k++) {
      returns[k] = advantages[k] + values[k];
    }
  }

  /** Copies the rows {@code order[start .. start+count)} of the buffer into {@code into}. */
  public void gather(int[] order, int start, int count, Minibatch into) {
    for (int j = 0; j < count; j++) {
      int k = order[start + j];
      System.arraycopy(observations, k * observationSize, into.observations(), j * observationSize, observationSize);
      System.arraycopy(actions, k * actionWidth, into.actions(), j * actionWidth, actionWidth);
      into.logProbs()[j] = logProbs[k];
      into.advantages()[j] = advantages[k];
      into.returns()[j] = returns[k];
      into.values()[j] = values[k];
    }
  }

  public int size() {
    return steps * envs;
  }

  /** A contiguous copy of some rows of the buffer, ready to become tensors. */
  public record Minibatch(int size, float[] observations, float[] actions, float[] logProbs, float[] advantages,
      float[] returns, float[] values) {

    public Minibatch(int size, int observationSize, int actionWidth) {
      this(size, new float[size * observationSize], new float[size * actionWidth], new float[size], new float[size],
          new float[size], new float[size]);
    }
  }
}
