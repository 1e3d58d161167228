package dev.rlx.algorithms.offpolicy;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/** A block that is one trainable number (SAC's log α), so that a {@code Learner}'s Adam can train it. */
public final class ScalarParameter extends AbstractBlock {

  private final Parameter value;

  public ScalarParameter(String name, double initial, NDManager manager) {
    super((byte) 1);
    value = addParameter(Parameter.builder().setName(name).setType(Parameter.Type.OTHER).optShape(new Shape(1))
        .optInitializer(new ConstantInitializer((float) initial)).build());
    initialize(manager, DataType.FLOAT32, new Shape(1));
  }

  /** The parameter's array (recording a graph inside a gradient collector). */
  public ai.djl.ndarray.NDArray value(ParameterStore store) {
    return store.getValue(value, value.getArray().getDevice(), true);
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(value(store));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(1)};
  }
}
