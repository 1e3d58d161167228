package dev.rlx.algorithms.rlhf;

import ai.djl.ndarray.NDManager;
import dev.rlx.algorithms.deep.DjlRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The fixture of the tests on hand-computed tensors ({@link Arrays2} builds them): DJL started
 * with seed 1 and a fresh manager {@code m} for each test, closed after it.
 */
abstract class TensorTest {

  NDManager m;

  @BeforeEach
  void start() {
    DjlRuntime.start(1);
    m = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    m.close();
  }
}
