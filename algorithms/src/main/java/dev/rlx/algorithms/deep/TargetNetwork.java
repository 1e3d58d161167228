package dev.rlx.algorithms.deep;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.Iterator;

/** Target-network updates between gradient steps (outside any gradient collector). */
public final class TargetNetwork {

  private TargetNetwork() {}

  /** θ⁻ ← τ θ + (1 − τ) θ⁻; τ = 1 is DQN's hard copy. */
  public static void update(Block online, Block target, double tau) {
    Iterator<Pair<String, Parameter>> from = online.getParameters().iterator();
    for (Pair<String, Parameter> to : target.getParameters()) {
      NDArray source = from.next().getValue().getArray();
      NDArray destination = to.getValue().getArray();
      if (tau >= 1.0) {
        source.copyTo(destination);
      } else {
        // Results land on the parameters' manager: close every temporary.
        try (NDArray a = Scalars.mul(source, tau); NDArray b = Scalars.mul(destination, 1 - tau); NDArray mixed = a.add(b)) {
          mixed.copyTo(destination);
        }
      }
    }
  }
}
