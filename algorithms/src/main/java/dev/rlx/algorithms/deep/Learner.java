package dev.rlx.algorithms.deep;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One gradient step on a set of parameters: record the loss's graph, backpropagate, clip
 * the global gradient norm, apply Adam. The learning rate is mutable for schedules.
 */
public final class Learner {

  private final List<Parameter> parameters = new ArrayList<>();
  private final Optimizer optimizer;
  private float learningRate;

  /** Adam with ε {@code adamEps}, over the parameters of {@code blocks}. */
  public Learner(double learningRate, double adamEps, List<ai.djl.nn.Block> blocks) {
    for (ai.djl.nn.Block block : blocks) {
      for (Pair<String, Parameter> p : block.getParameters()) {
        parameters.add(p.getValue());
      }
    }
    this.learningRate = (float) learningRate;
    this.optimizer = Optimizer.adam().optLearningRateTracker((ai.djl.training.tracker.Tracker) update -> this.learningRate)
        .optEpsilon((float) adamEps).build();
  }

  public void setLearningRate(double learningRate) {
    this.learningRate = (float) learningRate;
  }

  public double learningRate() {
    return learningRate;
  }

  /**
   * What a loss function hands the learner: the scalar to minimise, plus whatever the caller
   * reads back from the same graph (its terms, diagnostics). Records implement it.
   */
  public interface Objective {
    NDArray loss();
  }

  /** A bare loss, for a caller that reads nothing else from the graph. */
  public record Loss(NDArray loss) implements Objective {}

  /**
   * One step's result: the objective as it was built (its arrays live as long as the manager
   * they were made on) and the global gradient norm before clipping.
   */
  public record Step<T extends Objective>(T objective, double gradNorm) {}

  /**
   * Builds the loss inside a gradient collector, backpropagates, scales the gradients so that
   * their global L2 norm is at most {@code maxGradNorm}, and updates. Returns the norm before
   * clipping with the objective; a non-finite norm skips the update (gradients cleared) and is
   * returned as it is, for the caller to log. DJL allows one collector per JVM at a time; deep-RL trials therefore run in
   * processes of their own.
   */
  public <T extends Objective> Step<T> step(Supplier<T> objective, double maxGradNorm) {
    T built;
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      built = objective.get();
      collector.backward(built.loss());
    }
    List<NDArray> gradients = new ArrayList<>(parameters.size());
    try {
      double sumOfSquares = 0;
      for (Parameter p : parameters) {
        NDArray g = p.getArray().getGradient(); // a new handle: closed below
        gradients.add(g);
        // Temporaries land on the parameters' manager, which lives as long as the model: close them.
        try (NDArray squares = g.square(); NDArray total = squares.sum()) {
          sumOfSquares += total.getFloat();
        }
      }
      double norm = Math.sqrt(sumOfSquares);
      if (!Double.isFinite(norm)) {
        // An overflowed loss (e.g. exp of a huge log-ratio) would turn every parameter to NaN
        // through the clipping scale 1/∞ · ∞: skip the step, clearing the gradients in place.
        for (NDArray g : gradients) {
          g.set(new ai.djl.ndarray.index.NDIndex("..."), 0f);
        }
        return new Step<>(built, norm);
      }
      float scale = norm > maxGradNorm ? (float) (maxGradNorm / (norm + 1e-6)) : 1f;
      for (int i = 0; i < parameters.size(); i++) {
        Parameter p = parameters.get(i);
        if (scale == 1f) {
          optimizer.update(p.getId(), p.getArray(), gradients.get(i));
        } else {
          try (NDArray scaled = Scalars.mul(gradients.get(i), scale)) {
            optimizer.update(p.getId(), p.getArray(), scaled);
          }
        }
      }
      return new Step<>(built, norm);
    } finally {
      gradients.forEach(NDArray::close);
    }
  }
}
