package dev.rlx.algorithms.deep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * The actor of a {@link GaussianPolicy}: a mean network μ(s) and a learned, state-independent
 * log σ (initialised to 0, σ = 1, as in CleanRL's {@code actor_logstd}), output side by side
 * as [μ(s), log σ] per row.
 */
public final class GaussianActor extends AbstractBlock {

  private final Block mean;
  private final Parameter logStd;
  private final int actionSize;

  public GaussianActor(Block mean, int actionSize) {
    super((byte) 1);
    this.actionSize = actionSize;
    this.mean = addChildBlock("mean", mean);
    this.logStd = addParameter(Parameter.builder().setName("log_std").setType(Parameter.Type.OTHER)
        .optShape(new Shape(1, actionSize)).optInitializer(Initializer.ZEROS).build());
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray mu = mean.forward(store, inputs, training, params).singletonOrThrow();
    NDArray logSigma = store.getValue(logStd, mu.getDevice(), training);
    return new NDList(mu.concat(mu.zerosLike().add(logSigma), 1));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), 2L * actionSize)};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    mean.initialize(manager, dataType, inputShapes);
  }
}
