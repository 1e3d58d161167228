package dev.rlx.testkit;

import dev.rlx.api.Algorithm;
import dev.rlx.api.Environment;
import dev.rlx.api.TrialContext;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** An algorithm that does what its parameters say: finish, throw, exit, sleep, hog memory… */
public final class ScriptedAlgorithm implements Algorithm {

  private final ScriptedParams params;
  private final TrialContext context;

  @Inject
  ScriptedAlgorithm(ScriptedParams params, Environment environment, TrialContext context) {
    this.params = params;
    this.context = context;
  }

  @Override
  public void train() throws Exception {
    switch (params.mode()) {
      case NOOP -> {
        return;
      }
      case THROW -> throw new IllegalStateException("scripted failure");
      case EXIT -> System.exit(params.exitCode());
      case HOG -> hog();
      case SLEEP -> sleep();
      case FLAKY -> {
        Path marker = context.runDirectory().resolve("flaky.marker");
        if (!Files.exists(marker)) {
          Files.writeString(marker, "failed once");
          throw new IllegalStateException("scripted flaky failure");
        }
      }
      case CPU -> burn();
      case TRICKLE, TRICKLE_THROW -> {
        trickle();
        if (params.mode() == ScriptedParams.Mode.TRICKLE_THROW) {
          throw new IllegalStateException("scripted failure after " + params.metrics() + " points");
        }
        return;
      }
      default -> { }
    }
    String cuda = System.getenv("CUDA_VISIBLE_DEVICES");
    context.log("device/cuda_visible_count", 0, cuda == null || cuda.isEmpty() ? 0 : cuda.split(",").length);
    context.log("device/cuda_visible_first", 0, cuda == null || cuda.isEmpty() ? -1 : Integer.parseInt(cuda.split(",")[0]));
    context.log("device/context_gpu_first", 0, context.device().gpus().isEmpty() ? -1 : context.device().gpus().get(0));
    for (int step = 1; step <= params.metrics(); step++) {
      context.log("value", step, context.seed() * 1000 + step);
    }
    Files.writeString(context.runDirectory().resolve("note.txt"), "seed " + context.seed());
  }

  private void trickle() throws InterruptedException {
    long start = System.nanoTime();
    for (int step = 1; step <= params.metrics() && !context.isCancelled(); step++) {
      long due = start + params.durationMs() * 1_000_000 * step / Math.max(1, params.metrics());
      long wait = (due - System.nanoTime()) / 1_000_000;
      if (wait > 0) {
        Thread.sleep(wait);
      }
      context.log("value", step, context.seed() * 1000 + step);
    }
  }

  private void sleep() throws InterruptedException {
    long end = System.nanoTime() + params.durationMs() * 1_000_000;
    while (System.nanoTime() < end) {
      if (context.isCancelled() && !params.ignoreCancel()) {
        return;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        if (!params.ignoreCancel()) {
          throw e;
        }
      }
    }
  }

  private void burn() {
    long end = System.nanoTime() + params.durationMs() * 1_000_000;
    double x = context.seed();
    while (System.nanoTime() < end && !context.isCancelled()) {
      for (int i = 0; i < 10_000; i++) {
        x = Math.sin(x) + 1.0;
      }
    }
    context.log("cpu/x", 0, x);
  }

  private static void hog() {
    List<long[]> hoard = new ArrayList<>();
    while (true) {
      hoard.add(new long[1 << 20]);
    }
  }
}
