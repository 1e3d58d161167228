package dev.rlx.api;

import java.util.List;

/**
 * Where a trial runs: the CPU, or GPUs by their index on this machine. A process-isolated
 * trial sees only its GPUs (CUDA_VISIBLE_DEVICES), renumbered from 0.
 */
public record Device(List<Integer> gpus, double gpuShare) {

  public static final Device CPU = new Device(List.of(), 0);

  public Device {
    gpus = List.copyOf(gpus);
  }

  public boolean isGpu() {
    return !gpus.isEmpty();
  }

  @Override
  public String toString() {
    if (gpus.isEmpty()) {
      return "cpu";
    }
    String ids = String.join(",", gpus.stream().map(String::valueOf).toList());
    return "gpu:" + ids + (gpuShare < 1 ? " (" + gpuShare + " share)" : "");
  }
}
