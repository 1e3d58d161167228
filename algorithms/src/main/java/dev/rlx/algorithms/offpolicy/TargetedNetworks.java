package dev.rlx.algorithms.offpolicy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.rlx.algorithms.deep.Learner;
import dev.rlx.algorithms.deep.Mlp;
import dev.rlx.algorithms.deep.TargetNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * One or more online networks of the same shape (an actor; a critic or TD3's and SAC's twin
 * critics), trained together by one Adam, each with a target copy θ⁻ that follows it by
 * Polyak averaging (references.md §4.1). Without targets, the "target" networks are the online
 * ones themselves (the §4.1 exercise 3 ablation, and SAC's actor, which has none).
 */
public final class TargetedNetworks {

  private final List<Block> online = new ArrayList<>();
  private final List<Block> targets;
  private final Learner learner;

  /**
   * {@code copies} 2-layer ReLU MLPs of {@code hidden} units from {@code inputSize} inputs to
   * {@code outputs}, initialised independently; targets (if any) start as copies of them.
   */
  public TargetedNetworks(int copies, int inputSize, int hidden, int outputs, boolean withTargets, double lr,
      NDManager manager, SplittableRandom rng) {
    int[] layers = {hidden, hidden};
    for (int i = 0; i < copies; i++) {
      online.add(initialized(Mlp.relu(layers, outputs, false, 1.0, rng.split()), manager, inputSize));
    }
    if (withTargets) {
      targets = new ArrayList<>();
      for (Block net : online) {
        Block target = initialized(Mlp.relu(layers, outputs, false, 1.0, rng.split()), manager, inputSize);
        TargetNetwork.update(net, target, 1.0);
        targets.add(target);
      }
    } else {
      targets = online;
    }
    learner = new Learner(lr, 1e-8, online);
  }

  private static Block initialized(Block net, NDManager manager, int inputSize) {
    net.initialize(manager, DataType.FLOAT32, new Shape(1, inputSize));
    return net;
  }

  public int copies() {
    return online.size();
  }

  /** The first online network (the actor, or critic 1). */
  public Block first() {
    return online.get(0);
  }

  /** Every online network's output for {@code input}, recording a graph when {@code training}. */
  public NDArray[] forward(ParameterStore store, NDArray input, boolean training) {
    return forward(online, store, input, training);
  }

  /** Every target network's output for {@code input}, without a graph. */
  public NDArray[] forwardTargets(ParameterStore store, NDArray input) {
    return forward(targets, store, input, false);
  }

  private static NDArray[] forward(List<Block> nets, ParameterStore store, NDArray input, boolean training) {
    NDArray[] out = new NDArray[nets.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = nets.get(i).forward(store, new NDList(input), training).singletonOrThrow();
    }
    return out;
  }

  /** The elementwise minimum over the networks' outputs (clipped double Q, §4.2); one network: itself. */
  public static NDArray min(NDArray[] values) {
    NDArray min = values[0];
    for (int i = 1; i < values.length; i++) {
      min = min.minimum(values[i]);
    }
    return min;
  }

  /** One Adam step on the loss {@code objective} builds (no gradient clipping). */
  public <T extends Learner.Objective> Learner.Step<T> step(Supplier<T> objective) {
    return learner.step(objective, Double.POSITIVE_INFINITY);
  }

  /**
   * Stops (or resumes) gradients into these networks' parameters, so that an actor's loss
   * backpropagates through a critic to the action without touching the critic: DJL would
   * otherwise add those gradients to the critic's, which its next step would apply.
   */
  public void freeze(boolean frozen) {
    for (Block net : online) {
      net.freezeParameters(frozen);
    }
  }

  /** θ⁻ ← τθ + (1 − τ)θ⁻ for every network; nothing without targets. */
  public void updateTargets(double tau) {
    if (targets != online) {
      for (int i = 0; i < online.size(); i++) {
        TargetNetwork.update(online.get(i), targets.get(i), tau);
      }
    }
  }
}
