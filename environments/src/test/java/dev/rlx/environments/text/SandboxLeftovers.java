package dev.rlx.environments.text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** What a sandboxed run could leave on the host: processes, SysV IPC objects, cgroups, files. */
final class SandboxLeftovers {

  /** The first uid of the sandbox's range (CodeVerifier.FIRST_UID). */
  static final int FIRST_UID = 1_000_000;

  private SandboxLeftovers() {}

  /** Everything found, one line each; empty when a run left nothing. */
  static List<String> find() {
    List<String> found = new ArrayList<>(processes());
    found.addAll(ipcObjects());
    found.addAll(cgroups());
    found.addAll(tmpFiles());
    return found;
  }

  /** Processes of a sandbox uid, or with the sandbox's marker in their command line. */
  static List<String> processes() {
    List<String> found = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        try {
          String status = Files.readString(p.resolve("status"));
          String uid = status.lines().filter(l -> l.startsWith("Uid:")).findFirst().orElse("Uid: 0").split("\\s+")[1];
          String cmdline = new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ');
          if (Long.parseLong(uid) >= FIRST_UID || cmdline.contains(CodeVerifier.MARKER)) {
            found.add("process " + p.getFileName() + " uid " + uid + ": " + cmdline);
          }
        } catch (IOException | RuntimeException gone) {
          // it ended while we looked
        }
      }
    } catch (IOException e) {
      found.add("cannot list /proc: " + e);
    }
    return found;
  }

  /** SysV shared memory, message queues and semaphores owned by a sandbox uid, in the host's IPC namespace. */
  static List<String> ipcObjects() {
    List<String> found = new ArrayList<>();
    for (String kind : List.of("shm", "msg", "sem")) {
      try {
        List<String> lines = Files.readAllLines(Path.of("/proc/sysvipc", kind));
        if (lines.isEmpty()) {
          continue;
        }
        List<String> header = List.of(lines.get(0).trim().split("\\s+"));
        int uid = header.indexOf("uid");
        for (String line : lines.subList(1, lines.size())) {
          String[] fields = line.trim().split("\\s+");
          if (uid >= 0 && uid < fields.length && Long.parseLong(fields[uid]) >= FIRST_UID) {
            found.add("SysV " + kind + ": " + line.trim());
          }
        }
      } catch (IOException | RuntimeException e) {
        // no SysV IPC on this kernel
      }
    }
    return found;
  }

  /** Cgroups of runs still there. */
  static List<String> cgroups() {
    List<String> found = new ArrayList<>();
    try (Stream<Path> all = Files.walk(Path.of("/sys/fs/cgroup"), 6)) {
      all.filter(p -> p.getFileName() != null && p.getFileName().toString().startsWith(CodeVerifier.MARKER))
          .forEach(p -> found.add("cgroup " + p));
    } catch (IOException | RuntimeException e) {
      // no cgroups
    }
    return found;
  }

  /** Files of runs in the host's temporary directory. */
  static List<String> tmpFiles() {
    List<String> found = new ArrayList<>();
    try (Stream<Path> tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      tmp.filter(p -> p.getFileName().toString().startsWith(CodeVerifier.MARKER)).forEach(p -> found.add("file " + p));
    } catch (IOException e) {
      found.add("cannot list the temporary directory: " + e);
    }
    return found;
  }
}
