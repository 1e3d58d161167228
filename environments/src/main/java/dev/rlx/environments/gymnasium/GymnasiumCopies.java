package dev.rlx.environments.gymnasium;

import dev.rlx.api.BatchedEnvironment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * What the discrete and continuous Gymnasium environments share: the copies of a batch spread
 * in contiguous blocks over up to {@code workers} Python processes, each reset and stepped by
 * one request and one answer, all requests sent before any answer is awaited so the workers
 * step at once. The answers' bytes are decoded straight into the caller's {@link Batch}.
 */
abstract sealed class GymnasiumCopies implements BatchedEnvironment permits GymnasiumDiscrete, GymnasiumBox {

  final Gymnasium bridge;
  final Spaces spaces;
  private PythonWorker[] workers = new PythonWorker[0];
  /** Copy index of each worker's first copy, and its number of copies. */
  private int[] first = new int[0];
  private int[] count = new int[0];
  private byte[][] answers = new byte[0][];
  private ByteBuffer[] answerViews = new ByteBuffer[0];
  private int size = -1;

  GymnasiumCopies(Gymnasium bridge, Spaces spaces) {
    this.bridge = bridge;
    this.spaces = spaces;
  }

  @Override
  public final int observationSize() {
    return spaces.observationSize();
  }

  @Override
  public final void reset(long seed, Batch batch) {
    layout(batch.size());
    int d = spaces.observationSize();
    for (int k = 0; k < workers.length; k++) {
      ByteBuffer request = ByteBuffer.wrap(workers[k].ensureRequest(17)).order(ByteOrder.LITTLE_ENDIAN);
      request.put((byte) 'R').putInt(first[k]).putInt(count[k]).putLong(seed);
      workers[k].send(17);
    }
    for (int k = 0; k < workers.length; k++) {
      workers[k].await("reset", answers[k], 4 * count[k] * d, bridge.answerTimeoutNanos());
      readFloats(answerViews[k], 0, batch.observations(), first[k] * d, count[k] * d);
    }
    for (int i = 0; i < batch.size(); i++) {
      batch.rewards()[i] = 0;
      batch.terminated()[i] = false;
      batch.truncated()[i] = false;
    }
  }

  /**
   * Sends worker k's share of a step: {@code actions} writes {@code count[k]} actions from copy
   * {@code first[k]} on into the request after its op byte; then awaits every answer into {@code batch}.
   */
  final void step(Batch batch, ActionWriter actions) {
    if (batch.size() != size) {
      throw new IllegalStateException(bridge.id() + ": step with " + batch.size() + " copies after a reset of " + size
          + " (reset first)");
    }
    int bytesPerCopy = 4 * spaces.actionSize();
    for (int k = 0; k < workers.length; k++) {
      ByteBuffer request = ByteBuffer.wrap(workers[k].ensureRequest(1 + bytesPerCopy * count[k])).order(ByteOrder.LITTLE_ENDIAN);
      request.put((byte) 'S');
      actions.write(request, first[k], count[k]);
      workers[k].send(1 + bytesPerCopy * count[k]);
    }
    int d = spaces.observationSize();
    for (int k = 0; k < workers.length; k++) {
      int n = count[k];
      workers[k].await("step", answers[k], n * (8 * d + 6), bridge.answerTimeoutNanos());
      ByteBuffer view = answerViews[k];
      int at = first[k];
      readFloats(view, 0, batch.observations(), at * d, n * d);
      readFloats(view, 4 * n * d, batch.rewards(), at, n);
      int flags = 4 * n * d + 4 * n;
      for (int j = 0; j < n; j++) {
        batch.terminated()[at + j] = view.get(flags + j) != 0;
        batch.truncated()[at + j] = view.get(flags + n + j) != 0;
      }
      readFloats(view, flags + 2 * n, batch.finalObservations(), at * d, n * d);
    }
  }

  /** Writes the actions of copies {@code from} … {@code from + n − 1} into a step request. */
  @FunctionalInterface
  interface ActionWriter {
    void write(ByteBuffer request, int from, int n);
  }

  /** Spreads {@code n} copies over min(workers, n) processes in contiguous blocks, starting or retiring workers. */
  private void layout(int n) {
    if (n == size) {
      return;
    }
    if (n < 1) {
      throw new IllegalArgumentException(bridge.id() + ": a batch needs at least one copy, got " + n);
    }
    int wanted = Math.min(bridge.workerCount(), n);
    PythonWorker[] next = new PythonWorker[wanted];
    for (int k = 0; k < wanted; k++) {
      next[k] = k < workers.length ? workers[k] : bridge.worker();
    }
    for (int k = wanted; k < workers.length; k++) {
      bridge.release(workers[k]);
    }
    workers = next;
    first = new int[wanted];
    count = new int[wanted];
    answers = new byte[wanted][];
    answerViews = new ByteBuffer[wanted];
    int d = spaces.observationSize();
    for (int k = 0, from = 0; k < wanted; k++) {
      count[k] = n / wanted + (k < n % wanted ? 1 : 0);
      first[k] = from;
      from += count[k];
      answers[k] = new byte[count[k] * (8 * d + 6)];
      answerViews[k] = ByteBuffer.wrap(answers[k]).order(ByteOrder.LITTLE_ENDIAN);
    }
    size = n;
  }

  /** Hands this copy's workers back to the bridge (for the next copy); a later reset takes workers again. */
  @Override
  public final void close() {
    for (PythonWorker worker : workers) {
      bridge.release(worker);
    }
    workers = new PythonWorker[0];
    size = -1;
  }

  private static void readFloats(ByteBuffer from, int byteOffset, float[] to, int offset, int n) {
    for (int j = 0; j < n; j++) {
      to[offset + j] = from.getFloat(byteOffset + 4 * j);
    }
  }
}
