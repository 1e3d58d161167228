package dev.rlx.core.exec;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs each trial in a worker JVM of its own ({@link TrialWorker}), so that an exception,
 * System.exit, an exhausted heap or a native crash fails that trial alone. The worker gets
 * the driver's classpath, its own heap limit, one intra-op thread for native libraries, and
 * only its GPUs through CUDA_VISIBLE_DEVICES.
 */
final class ProcessLauncher implements TrialLauncher {

  /** How long a cancelled worker gets to stop after SIGTERM before it is killed. */
  private static final long GRACE_SECONDS = 5;

  private final String javaCommand;
  private final String classpath;
  private final List<String> extraJvmOptions;
  private final Path classDataArchive;
  private final AtomicBoolean archiving = new AtomicBoolean();

  /**
   * @param classDataArchive where to keep a class-data-sharing archive of the worker's
   *     classes (the first worker records it, later ones map it in: a faster start); null for none
   */
  ProcessLauncher(String javaCommand, String classpath, List<String> extraJvmOptions, Path classDataArchive) {
    this.javaCommand = javaCommand;
    this.classpath = classpath;
    this.extraJvmOptions = List.copyOf(extraJvmOptions);
    this.classDataArchive = classDataArchive;
  }

  /**
   * A launcher that starts workers like the current JVM (same java, same classpath), keeping
   * their class-data archive in {@code cacheDir}, named after the JVM and the classpath so a
   * rebuilt rlx never maps a stale archive.
   */
  static ProcessLauncher likeThisJvm(List<String> extraJvmOptions, Path cacheDir) {
    String javaCommand = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String classpath = System.getProperty("java.class.path");
    StringBuilder identity = new StringBuilder(javaCommand).append(System.getProperty("java.vm.version")).append(classpath);
    for (String entry : classpath.split(File.pathSeparator)) {
      identity.append(new File(entry).lastModified());
    }
    String name = "worker-" + Integer.toHexString(identity.toString().hashCode()) + ".jsa";
    return new ProcessLauncher(javaCommand, classpath, extraJvmOptions,
        classDataSharingWorks(classpath) ? cacheDir.resolve(name) : null);
  }

  /**
   * Whether the JVM can archive this classpath: only jars, and no directory among the jars'
   * manifest Class-Path entries either (test runners put class directories there).
   */
  static boolean classDataSharingWorks(String classpath) {
    for (String entry : classpath.split(File.pathSeparator)) {
      File file = new File(entry);
      if (!file.isFile() || !entry.endsWith(".jar")) {
        return false;
      }
      try (java.util.jar.JarFile jar = new java.util.jar.JarFile(file)) {
        java.util.jar.Manifest manifest = jar.getManifest();
        String manifestPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
        if (manifestPath != null) {
          for (String ref : manifestPath.trim().split("\\s+")) {
            File referenced = ref.startsWith("file:") ? new File(java.net.URI.create(ref)) : new File(file.getParentFile(), ref);
            if (referenced.isDirectory()) {
              return false;
            }
          }
        }
      } catch (IOException | IllegalArgumentException e) {
        return false;
      }
    }
    return true;
  }

  List<String> command(TrialTicket ticket, LaunchOptions options) {
    return command(ticket, options, false);
  }

  private List<String> command(TrialTicket ticket, LaunchOptions options, boolean recordArchive) {
    List<String> command = new ArrayList<>(List.of(javaCommand,
        "-Xmx" + options.javaHeap(),
        "-XX:+ExitOnOutOfMemoryError",
        "-XX:+UseSerialGC",
        // DJL: no telemetry, one intra-op and inter-op thread per trial (docs/djl.md).
        "-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true",
        "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1"));
    if (classDataArchive != null) {
      command.addAll(List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
      if (recordArchive) {
        command.add("-XX:ArchiveClassesAtExit=" + classDataArchive + ".tmp");
      } else if (Files.exists(classDataArchive)) {
        command.add("-XX:SharedArchiveFile=" + classDataArchive);
      }
    }
    command.addAll(extraJvmOptions);
    command.addAll(List.of("-cp", classpath, TrialWorker.class.getName(), ticket.runDir().toString()));
    return command;
  }

  @Override
  public Running launch(TrialTicket ticket, LaunchOptions options, Consumer<TrialResult> done) {
    Process process;
    boolean recording;
    try {
      Files.createDirectories(ticket.runDir());
      for (String stale : List.of(RunDirectory.RESULT, RunDirectory.METRICS)) {
        Files.deleteIfExists(ticket.runDir().resolve(stale));
      }
      ticket.write();
      boolean record = classDataArchive != null && !Files.exists(classDataArchive) && archiving.compareAndSet(false, true);
      if (record) {
        Files.createDirectories(classDataArchive.getParent());
      }
      recording = record;
      ProcessBuilder builder = new ProcessBuilder(command(ticket, options, record))
          .redirectOutput(ticket.runDir().resolve(RunDirectory.STDOUT).toFile())
          .redirectError(ticket.runDir().resolve(RunDirectory.STDERR).toFile());
      builder.environment().put("OMP_NUM_THREADS", "1");
      // Bitwise-reproducible MKL GEMMs whatever the memory alignment of a tensor: same seed → same run.
      builder.environment().putIfAbsent("MKL_CBWR", "AUTO,STRICT");
      builder.environment().put("OPT_OUT_TRACKING", "true");
      builder.environment().put("CUDA_VISIBLE_DEVICES",
          String.join(",", options.visibleGpus().stream().map(String::valueOf).toList()));
      process = builder.start();
    } catch (IOException e) {
      done.accept(TrialResult.failed("cannot start the worker process: " + e.getMessage(), TrialResult.trace(e)));
      return () -> { };
    }
    Process worker = process;
    boolean recorded = recording;
    worker.onExit().thenRun(() -> {
      if (recorded) {
        publishArchive(worker.exitValue() == 0);
      }
      done.accept(RunDirectory.collect(ticket.runDir(), worker.exitValue()));
    });
    return () -> {
      worker.destroy(); // SIGTERM: the worker's shutdown hook sets its cancellation flag
      worker.onExit().orTimeout(GRACE_SECONDS, TimeUnit.SECONDS).exceptionally(e -> {
        worker.destroyForcibly();
        return worker;
      });
    };
  }

  /** Moves the archive the first worker recorded into place (or lets a later worker retry). */
  private void publishArchive(boolean complete) {
    Path tmp = Path.of(classDataArchive + ".tmp");
    try {
      if (complete && Files.exists(tmp)) {
        Files.move(tmp, classDataArchive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } else {
        Files.deleteIfExists(tmp);
        archiving.set(false);
      }
    } catch (IOException e) {
      archiving.set(false); // no archive: workers just start a little slower
    }
  }
}
