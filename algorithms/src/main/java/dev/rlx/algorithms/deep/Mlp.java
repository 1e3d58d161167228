package dev.rlx.algorithms.deep;

import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;
import java.util.SplittableRandom;

/** Multi-layer perceptrons (tanh or ReLU hidden layers), written once for every deep-RL algorithm. */
public final class Mlp {

  private Mlp() {}

  /**
   * Hidden layers of {@code hidden} units with tanh, then a linear head of {@code outputs}.
   * With {@code orthogonal}: weights orthogonal with gain √2 (hidden) and {@code headGain}
   * (head), biases 0; otherwise DJL's Xavier default.
   */
  public static SequentialBlock tanh(int[] hidden, int outputs, boolean orthogonal, double headGain, SplittableRandom rng) {
    return of(hidden, outputs, false, orthogonal, headGain, rng);
  }

  /** As {@link #tanh}, with ReLU hidden layers (the DQN family). */
  public static SequentialBlock relu(int[] hidden, int outputs, boolean orthogonal, double headGain, SplittableRandom rng) {
    return of(hidden, outputs, true, orthogonal, headGain, rng);
  }

  private static SequentialBlock of(int[] hidden, int outputs, boolean relu, boolean orthogonal, double headGain,
      SplittableRandom rng) {
    SequentialBlock net = trunk(hidden, relu, orthogonal, rng);
    net.add(layer(outputs, orthogonal, headGain, rng));
    return net;
  }

  /** The hidden layers alone (weights gain √2 when orthogonal), for heads of other shapes ({@link Dueling}). */
  static SequentialBlock trunk(int[] hidden, boolean relu, boolean orthogonal, SplittableRandom rng) {
    SequentialBlock net = new SequentialBlock();
    for (int units : hidden) {
      net.add(layer(units, orthogonal, Math.sqrt(2), rng));
      net.add(relu ? Activation::relu : Activation::tanh);
    }
    return net;
  }

  /** One linear layer initialised as the hidden and head layers of {@link #tanh} are. */
  static Linear layer(int units, boolean orthogonal, double gain, SplittableRandom rng) {
    Linear linear = Linear.builder().setUnits(units).build();
    linear.setInitializer(orthogonal ? new OrthogonalInitializer(gain, rng.split()) : new XavierInitializer(), Parameter.Type.WEIGHT);
    linear.setInitializer(Initializer.ZEROS, Parameter.Type.BIAS);
    return linear;
  }
}
