package dev.rlx.algorithms.deep;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Starting DJL's PyTorch engine the only way rlx allows: offline and without telemetry
 * (docs/djl.md: otherwise the first engine use contacts 169.254.169.254, which is
 * not allowed here), seeded, and with inference not recording autograd graphs.
 */
public final class DjlRuntime {

  private DjlRuntime() {}

  /** Throws unless both of DJL's opt-outs are in effect, then returns the seeded engine. */
  public static Engine start(long seed) {
    requireOffline(System.getProperty("ai.djl.offline", System.getenv("DJL_OFFLINE")),
        System.getProperty("OPT_OUT_TRACKING", System.getenv("OPT_OUT_TRACKING")));
    Engine engine = Engine.getEngine("PyTorch");
    engine.setRandomSeed((int) (seed ^ (seed >>> 32)));
    // Grad mode is per thread; outside a GradientCollector, forward passes must not build graphs.
    JniUtils.setGradMode(false);
    return engine;
  }

  /**
   * The DJL device a trial's networks live on: the CPU, or the first GPU the scheduler
   * assigned it (one device per trial; a share of a GPU is the same device). A process-isolated
   * or Slurm trial sees only its GPUs through CUDA_VISIBLE_DEVICES, renumbered from 0; a
   * thread-isolated one sees the machine's numbering. Fails with what to do when a GPU was
   * assigned but the engine has none (the CPU natives are loaded: see README, "GPUs").
   */
  public static ai.djl.Device device(dev.rlx.api.Device trial) {
    return device(trial, Engine.getEngine("PyTorch").getGpuCount(), System.getenv("CUDA_VISIBLE_DEVICES"));
  }

  static ai.djl.Device device(dev.rlx.api.Device trial, int engineGpus, String cudaVisibleDevices) {
    if (!trial.isGpu()) {
      return ai.djl.Device.cpu();
    }
    int id = trial.gpus().get(0);
    int index = id;
    if (cudaVisibleDevices != null && !cudaVisibleDevices.isBlank()) {
      index = java.util.Arrays.asList(cudaVisibleDevices.replace(" ", "").split(",")).indexOf(String.valueOf(id));
      if (index < 0) {
        throw new IllegalStateException("the trial was assigned GPU " + id + " but CUDA_VISIBLE_DEVICES="
            + cudaVisibleDevices + " hides it");
      }
    }
    if (index >= engineGpus) {
      throw new IllegalStateException("the trial was assigned GPU " + id + " but DJL's PyTorch engine sees "
          + engineGpus + " CUDA device(s): rlx ships the CPU natives; on a CUDA machine point DJL at a CUDA"
          + " libtorch 2.7.1 (PYTORCH_LIBRARY_PATH, PYTORCH_VERSION=2.7.1, PYTORCH_FLAVOR=cu128; README, \"GPUs\")"
          + " or run with --gpus none");
    }
    return ai.djl.Device.gpu(index);
  }

  /** The check itself: both settings must be "true" before any DJL engine starts. */
  static void requireOffline(String offline, String optOutTracking) {
    if (!"true".equalsIgnoreCase(offline) || !"true".equalsIgnoreCase(optOutTracking)) {
      throw new IllegalStateException("DJL must run offline and without telemetry: start the JVM with"
          + " -Dai.djl.offline=true -DOPT_OUT_TRACKING=true (found ai.djl.offline=" + offline
          + ", OPT_OUT_TRACKING=" + optOutTracking + "); rlx sets both in every JVM it starts");
    }
  }
}
