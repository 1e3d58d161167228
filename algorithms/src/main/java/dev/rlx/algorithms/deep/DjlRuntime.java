package dev.rlx.algorithms.deep;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Starting DJL's PyTorch engine the only way rlx allows: offline and without telemetry
 * (../shared/notes/djl.md: otherwise the first engine use contacts 169.254.169.254, which is
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

  /** The check itself: both settings must be "true" before any DJL engine starts. */
  static void requireOffline(String offline, String optOutTracking) {
    if (!"true".equalsIgnoreCase(offline) || !"true".equalsIgnoreCase(optOutTracking)) {
      throw new IllegalStateException("DJL must run offline and without telemetry: start the JVM with"
          + " -Dai.djl.offline=true -DOPT_OUT_TRACKING=true (found ai.djl.offline=" + offline
          + ", OPT_OUT_TRACKING=" + optOutTracking + "); rlx sets both in every JVM it starts");
    }
  }
}
