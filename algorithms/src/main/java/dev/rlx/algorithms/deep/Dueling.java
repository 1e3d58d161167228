package dev.rlx.algorithms.deep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The dueling architecture (Wang et al. 2016, eq. 9; references.md §2.5): a shared trunk, then a
 * state-value stream V(s) and an advantage stream A(s, a), aggregated as
 *
 * <pre>  Q(s, a) = V(s) + (A(s, a) − (1/|A|) Σ_a' A(s, a'))</pre>
 *
 * Subtracting the mean advantage makes V and A identifiable; the output has the shape of an
 * ordinary Q-network's, [B, |A|], so the DQN loss and targets are unchanged.
 */
public final class Dueling {

  private Dueling() {}

  /**
   * ReLU hidden layers of {@code hidden} units (as {@link Mlp#relu}), then a linear V head of 1
   * and a linear A head of {@code actions}, both initialised as {@link Mlp}'s heads.
   */
  public static SequentialBlock relu(int[] hidden, int actions, boolean orthogonal, double headGain,
      SplittableRandom rng) {
    SequentialBlock net = Mlp.trunk(hidden, true, orthogonal, rng);
    net.add(new ParallelBlock(
        streams -> new NDList(aggregate(streams.get(0).singletonOrThrow(), streams.get(1).singletonOrThrow())),
        List.of(Mlp.layer(1, orthogonal, headGain, rng), Mlp.layer(actions, orthogonal, headGain, rng))));
    return net;
  }

  /** V [B, 1] and A [B, |A|] → Q [B, |A|] = V + A − mean_a A. */
  public static NDArray aggregate(NDArray value, NDArray advantages) {
    return value.add(advantages.sub(advantages.mean(new int[] {1}, true)));
  }
}
