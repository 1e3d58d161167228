package dev.rlx.algorithms.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The cache of {@code CausalLm.generate}: per-layer keys and values [B, H, S, dh] of the tokens seen
 * so far, owned by {@code owner}, so that each decoding step runs one new token per row.
 */
final class KvCache {
  private final NDArray[] keys;
  private final NDArray[] values;
  private final NDManager owner;

  KvCache(int layers, NDManager owner) {
    this.keys = new NDArray[layers];
    this.values = new NDArray[layers];
    this.owner = owner;
  }

  NDArray appendKeys(int layer, NDArray k) {
    return append(keys, layer, k);
  }

  NDArray appendValues(int layer, NDArray v) {
    return append(values, layer, v);
  }

  /** The cached slots followed by the new ones; the old array is freed, the new one kept past the step. */
  private NDArray append(NDArray[] cached, int layer, NDArray fresh) {
    NDArray all = cached[layer] == null ? fresh : cached[layer].concat(fresh, 2);
    all.attach(owner);
    if (cached[layer] != null) {
      cached[layer].close();
    }
    cached[layer] = all;
    return all;
  }
}
