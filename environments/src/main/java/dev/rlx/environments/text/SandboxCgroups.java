package dev.rlx.environments.text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A memory and a process-count cgroup per sandboxed run, so that everything a run holds counts
 * against one limit — its heap, its {@code /tmp}, {@code memfd} files, SysV shared memory, and
 * every process it starts — and the kernel's OOM killer answers within the run instead of
 * killing the trainer. Works with cgroup v1 (separate memory and pids hierarchies) and v2 (one
 * unified hierarchy with both controllers delegated); the run's groups are made under the
 * JVM's own, so a limit set on the JVM still covers its sandboxes.
 */
final class SandboxCgroups {

  private final Path memoryBase;
  private final Path pidsBase;
  private final boolean v2;

  private SandboxCgroups(Path memoryBase, Path pidsBase, boolean v2) {
    this.memoryBase = memoryBase;
    this.pidsBase = pidsBase;
    this.v2 = v2;
  }

  /** The JVM's own memory and pids cgroups, if it may make groups below them; else why not. */
  static Found find() {
    try {
      List<String> mounts = Files.readAllLines(Path.of("/proc/self/mountinfo"));
      List<String> own = Files.readAllLines(Path.of("/proc/self/cgroup"));
      Path memoryMount = null;
      Path pidsMount = null;
      Path unifiedMount = null;
      for (String line : mounts) {
        String[] halves = line.split(" - ", 2);
        String[] fields = halves[0].split(" ");
        String[] after = halves.length > 1 ? halves[1].split(" ") : new String[0];
        if (fields.length < 5 || after.length < 3) {
          continue;
        }
        Path point = Path.of(fields[4].replace("\\040", " "));
        if (after[0].equals("cgroup2")) {
          unifiedMount = point;
        } else if (after[0].equals("cgroup")) {
          List<String> options = List.of(after[2].split(","));
          memoryMount = options.contains("memory") ? point : memoryMount;
          pidsMount = options.contains("pids") ? point : pidsMount;
        }
      }
      String memoryPath = null;
      String pidsPath = null;
      String unifiedPath = null;
      for (String line : own) {
        String[] parts = line.split(":", 3);
        if (parts.length < 3) {
          continue;
        }
        List<String> controllers = List.of(parts[1].split(","));
        memoryPath = controllers.contains("memory") ? parts[2] : memoryPath;
        pidsPath = controllers.contains("pids") ? parts[2] : pidsPath;
        unifiedPath = parts[0].equals("0") && parts[1].isEmpty() ? parts[2] : unifiedPath;
      }
      if (memoryMount != null && pidsMount != null && memoryPath != null && pidsPath != null) {
        SandboxCgroups groups = new SandboxCgroups(under(memoryMount, memoryPath), under(pidsMount, pidsPath), false);
        return groups.probe();
      }
      if (unifiedMount != null && unifiedPath != null) {
        Path base = under(unifiedMount, unifiedPath);
        String controllers = read(base.resolve("cgroup.controllers"));
        if (!(List.of(controllers.split(" ")).containsAll(List.of("memory", "pids")))) {
          return new Found(Optional.empty(), "the memory and pids controllers are not delegated to " + base);
        }
        try {
          Files.writeString(base.resolve("cgroup.subtree_control"), "+memory +pids");
        } catch (IOException e) {
          return new Found(Optional.empty(), "cannot enable the memory and pids controllers below " + base
              + " (" + e.getMessage() + "; a cgroup v2 group with processes in it cannot have controlled children)");
        }
        return new SandboxCgroups(base, base, true).probe();
      }
      return new Found(Optional.empty(), "no memory and pids cgroup controllers are mounted");
    } catch (IOException | RuntimeException e) {
      return new Found(Optional.empty(), "cannot read the cgroups of this process: " + e);
    }
  }

  /** The cgroups, or why there are none. */
  record Found(Optional<SandboxCgroups> cgroups, String whyNot) {}

  private Found probe() {
    try (Run run = open("rlx-sandbox-probe-" + ProcessHandle.current().pid() + "-" + System.nanoTime(), 64L << 20, 4)) {
      return new Found(Optional.of(this), "");
    } catch (IOException e) {
      return new Found(Optional.empty(), "cannot make a cgroup below " + memoryBase + ": " + e.getMessage());
    }
  }

  /** Where the cgroups live, for the log. */
  String describe() {
    return (v2 ? "cgroup v2 " + pidsBase : "cgroup v1 " + memoryBase + " and " + pidsBase);
  }

  /** Makes the groups of one run with its limits. */
  Run open(String name, long memoryBytes, int maxProcesses) throws IOException {
    Path memory = memoryBase.resolve(name);
    Path pids = v2 ? memory : pidsBase.resolve(name);
    Run run = new Run(v2 ? List.of(memory) : List.of(memory, pids), memory, v2);
    try {
      for (Path dir : run.dirs) {
        Files.createDirectory(dir);
      }
      if (v2) {
        write(memory.resolve("memory.max"), Long.toString(memoryBytes));
        writeIfThere(memory.resolve("memory.swap.max"), "0");
      } else {
        write(memory.resolve("memory.limit_in_bytes"), Long.toString(memoryBytes));
        writeIfThere(memory.resolve("memory.memsw.limit_in_bytes"), Long.toString(memoryBytes));
      }
      write(pids.resolve("pids.max"), Integer.toString(maxProcesses));
      return run;
    } catch (IOException | RuntimeException e) {
      run.close();
      throw e;
    }
  }

  /** One run's groups. {@link #close} kills whatever is left in them and removes them. */
  static final class Run implements AutoCloseable {
    private final List<Path> dirs;
    private final Path memory;
    private final boolean v2;

    private Run(List<Path> dirs, Path memory, boolean v2) {
      this.dirs = dirs;
      this.memory = memory;
      this.v2 = v2;
    }

    /** The files a process writes "0" to in order to join the groups. */
    List<Path> procsFiles() {
      return dirs.stream().map(d -> d.resolve("cgroup.procs")).toList();
    }

    /** Whether the kernel's OOM killer killed a process of this run for the memory limit. */
    boolean oomKilled() {
      String events = read(memory.resolve(v2 ? "memory.events" : "memory.oom_control"));
      for (String line : events.split("\n")) {
        if (line.startsWith("oom_kill ")) {
          return !line.substring(9).strip().equals("0");
        }
      }
      return !v2 && !read(memory.resolve("memory.failcnt")).strip().equals("0");
    }

    /** The most memory the run held at once, in bytes (−1 if unknown). */
    long peakMemory() {
      String peak = read(memory.resolve(v2 ? "memory.peak" : "memory.max_usage_in_bytes")).strip();
      try {
        return Long.parseLong(peak);
      } catch (NumberFormatException e) {
        return -1;
      }
    }

    @Override
    public void close() {
      for (Path dir : dirs) {
        for (int attempt = 0; attempt < 200 && Files.isDirectory(dir); attempt++) {
          String procs = read(dir.resolve("cgroup.procs")).strip();
          if (!procs.isEmpty()) {
            procs.lines().map(String::strip).filter(s -> s.matches("\\d+"))
                .forEach(pid -> ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly));
          }
          try {
            Files.delete(dir);
          } catch (IOException busy) {
            try {
              Thread.sleep(5);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            }
          }
        }
      }
    }
  }

  private static Path under(Path mount, String path) {
    return mount.resolve(path.startsWith("/") ? path.substring(1) : path);
  }

  private static void write(Path file, String value) throws IOException {
    Files.writeString(file, value, StandardCharsets.US_ASCII);
  }

  private static void writeIfThere(Path file, String value) {
    if (Files.exists(file)) {
      try {
        write(file, value);
      } catch (IOException ignored) {
        // swap accounting off: there is no swap to limit
      }
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      return "";
    }
  }
}
