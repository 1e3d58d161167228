package dev.rlx.environments.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs an untrusted Python program against unit tests in a sandboxed child process (the
 * code verifier of references.md §7.7) and says whether it passed. Every abnormal end — a
 * syntax error, an exception, an infinite loop, a fork bomb, unbounded allocation, a socket,
 * a write outside its directory, a flood of output — scores 0 with an {@link Outcome} and a
 * reason for the log; {@link #verify} never throws.
 *
 * <p>The sandbox is layered, outermost first:
 * <ol>
 *   <li><b>Wall clock, from Java</b>: the run is killed after {@link Limits#wallClock()}
 *       (SIGKILL to every descendant and to the sandbox's root), and its output is read
 *       through a cap of {@link Limits#maxOutputBytes()}, past which it is killed too.
 *   <li><b>Namespaces</b> ({@code unshare}): a new network namespace with no interfaces up (no
 *       network); a PID namespace whose init is tied to the sandbox's root process
 *       ({@code --kill-child}), so that when it ends or is killed the kernel kills every
 *       process left inside (no orphans, however many forks); a mount namespace in which
 *       every mount is remounted read-only and the working directory is a private,
 *       size-capped tmpfs — writes anywhere else fail with EROFS.
 *   <li><b>An unprivileged user</b>: run as root (as CI and this machine do), the program is
 *       dropped with {@code setpriv --no-new-privs} to a uid of its own (one per run, from a
 *       range of a million that no account uses), so file permissions apply and the
 *       process-count limit is enforced (the kernel exempts root from it) and counts only
 *       this run's processes: one run's fork bomb cannot starve another run of processes.
 *       Run as another user, or when the interpreter is not usable by other users, a
 *       user namespace is used instead ({@code unshare --map-root-user}); then the process
 *       limit is not enforced by the kernel and fork bombs are bounded by the layers around
 *       it ({@link #privilegeDrop()} says which mode is in use).
 *   <li><b>rlimits</b> ({@code prlimit}): CPU seconds (SIGXCPU, then SIGKILL a second later),
 *       address space, process count, file size, open files, no core dumps.
 *   <li><b>A Python audit hook</b> (PEP 578) in the runner script: refuses process creation,
 *       sockets, native code ({@code ctypes}) and file changes outside the working directory
 *       with a clear reason ({@link Outcome#FORBIDDEN}). Not a boundary on its own; it makes
 *       refusals explicit rather than leaving them to surface as odd errors. The interpreter
 *       runs isolated ({@code -I -S -B}: no environment variables, no site packages, no
 *       bytecode written) with an empty environment.
 * </ol>
 * The program arrives on stdin, never as a file, and the host directory the tmpfs is mounted
 * on is deleted afterwards. The result line carries a random nonce, so that text a program
 * prints cannot pass for it by accident. Needs Linux, {@code python3} and util-linux
 * ({@code unshare}, {@code prlimit}, {@code setpriv}, {@code mount}); the constructor says
 * what to install when one is missing.
 */
public final class CodeVerifier {

  /** The prefix of every sandbox's process names: processes with it in their command line belong to a run. */
  public static final String MARKER = "rlx-sandbox-";
  private static final String RESULT = "RLX-RESULT ";
  /** Runs as uids FIRST_UID .. FIRST_UID + UIDS − 1, one per run, unused by any account. */
  private static final int FIRST_UID = 1_000_000;
  private static final int UIDS = 1_000_000;
  private static final java.util.concurrent.atomic.AtomicInteger NEXT_UID =
      new java.util.concurrent.atomic.AtomicInteger(new java.security.SecureRandom().nextInt(UIDS));
  private static final String SETUP = String.join("\n",
      "W=\"$1\"; shift",
      "while read -r _ mp _; do mount -o remount,bind,ro \"$mp\" 2>/dev/null; done < /proc/self/mounts",
      "mount -t tmpfs -o size=\"$RLX_TMPFS_BYTES\",mode=0777 rlx-sandbox \"$W\""
          + " || { echo \"RLX-SETUP cannot mount a tmpfs on the working directory\"; exit 120; }",
      "cd \"$W\" || exit 121",
      "\"$@\"", // not exec'd: sh stays the namespace's init, so the program is not PID 1 (which ignores SIGXCPU)
      "");
  private static final String RUNNER = loadRunner();

  private final Limits limits;
  private final Path python;
  private final Path unshare;
  private final Path prlimit;
  private final Path setpriv;
  private final boolean dropToNobody;
  private final boolean auditHook;

  /**
   * How much a run may use.
   *
   * @param cpuSeconds CPU time (RLIMIT_CPU); SIGKILL follows one second after SIGXCPU
   * @param memoryBytes address space (RLIMIT_AS), and the size of the working directory's tmpfs is an eighth of it
   * @param wallClock time from start to kill, measured in Java
   * @param maxProcesses processes and threads of the sandbox user (RLIMIT_NPROC)
   * @param maxOutputBytes stdout and stderr together
   */
  public record Limits(int cpuSeconds, long memoryBytes, Duration wallClock, int maxProcesses, int maxOutputBytes) {

    /** 2 s CPU, 256 MiB, 5 s wall clock, 16 processes, 64 KiB of output. */
    public static final Limits DEFAULT = new Limits(2, 256L << 20, Duration.ofSeconds(5), 16, 64 << 10);

    public Limits {
      if (cpuSeconds < 1) {
        throw new IllegalArgumentException("cpuSeconds must be ≥ 1 (RLIMIT_CPU counts whole seconds), got " + cpuSeconds);
      }
      if (memoryBytes < 64L << 20) {
        throw new IllegalArgumentException("memoryBytes must be ≥ 64 MiB (the interpreter needs ~30), got " + memoryBytes);
      }
      Objects.requireNonNull(wallClock, "wallClock");
      if (wallClock.isNegative() || wallClock.isZero()) {
        throw new IllegalArgumentException("wallClock must be positive, got " + wallClock);
      }
      if (maxProcesses < 1 || maxOutputBytes < 256) {
        throw new IllegalArgumentException("maxProcesses must be ≥ 1 and maxOutputBytes ≥ 256, got "
            + maxProcesses + " and " + maxOutputBytes);
      }
    }
  }

  /** How a run ended. Only {@link #PASSED} scores. */
  public enum Outcome {
    /** Every test passed. */
    PASSED,
    /** It ran, but some test returned the wrong value or raised. */
    WRONG_ANSWER,
    /** It did not compile, raised while loading, or defines no entry function. */
    ERROR,
    /** The audit hook refused an operation (process, socket, native code, write outside its directory). */
    FORBIDDEN,
    /** It ran past the wall-clock limit and was killed. */
    TIMEOUT,
    /** It used up its CPU time. */
    CPU_LIMIT,
    /** It ran out of address space. */
    MEMORY_LIMIT,
    /** It printed more than the output cap and was killed. */
    OUTPUT_LIMIT,
    /** It died from a signal (e.g. the hard CPU limit, the file-size limit, an abort). */
    KILLED,
    /** The sandbox itself could not run it; a problem of the machine, not of the program. */
    SANDBOX_FAILURE
  }

  /**
   * The result of one run.
   *
   * @param passed tests passed (0 unless the program ran)
   * @param total tests given
   * @param detail why, in one line, for the log
   * @param millis wall-clock time of the run
   */
  public record Verdict(Outcome outcome, int passed, int total, String detail, long millis) {

    /** 1 if every test passed, else 0. */
    public double score() {
      return outcome == Outcome.PASSED ? 1 : 0;
    }

    /** The fraction of tests passed, for partial credit; 0 when the program did not run. */
    public double passFraction() {
      return total == 0 ? 0 : (double) passed / total;
    }
  }

  /**
   * One unit test: the entry function called with {@code arguments} must return
   * {@code expected}, both written as Python literals ({@code "(3, 4)"}, {@code "7"}); the
   * value must have exactly the expected type (an int where a float is expected is accepted).
   */
  public record TestCase(String arguments, String expected) {
    public TestCase {
      Objects.requireNonNull(arguments, "arguments");
      Objects.requireNonNull(expected, "expected");
    }
  }

  /** A verifier with {@link Limits#DEFAULT}. */
  public CodeVerifier() {
    this(Limits.DEFAULT);
  }

  /**
   * @throws IllegalStateException naming what to install when python3 or util-linux is missing
   */
  public CodeVerifier(Limits limits) {
    this(limits, true);
  }

  /** With {@code auditHook} false, only the kernel-enforced layers apply: for tests of those layers. */
  CodeVerifier(Limits limits, boolean auditHook) {
    this.auditHook = auditHook;
    this.limits = Objects.requireNonNull(limits, "limits");
    List<String> missing = new ArrayList<>();
    this.python = SandboxTools.findPython().orElse(null);
    if (python == null) {
      missing.add("python3 (Debian: apt-get install python3-minimal; or set RLX_SANDBOX_PYTHON to an interpreter)");
    }
    this.unshare = SandboxTools.findExecutable("unshare").orElse(null);
    this.prlimit = SandboxTools.findExecutable("prlimit").orElse(null);
    this.setpriv = SandboxTools.findExecutable("setpriv").orElse(null);
    if (unshare == null || prlimit == null || setpriv == null || SandboxTools.findExecutable("mount").isEmpty()
        || !Files.isExecutable(Path.of("/bin/sh"))) {
      missing.add("util-linux's unshare, prlimit, setpriv and mount, and /bin/sh (Debian: apt-get install util-linux mount)");
    }
    if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
      missing.add("Linux (namespaces and rlimits)");
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException("the code verifier's sandbox needs " + String.join(", and ", missing)
          + "; .ci/run installs them on Debian");
    }
    this.dropToNobody = "root".equals(System.getProperty("user.name")) && SandboxTools.readableByOthers(python);
  }

  /** The limits of every run. */
  public Limits limits() {
    return limits;
  }

  /** Whether runs drop to an unprivileged uid of their own (true when running as root), so the process limit holds. */
  public boolean privilegeDrop() {
    return dropToNobody;
  }

  /**
   * Runs {@code program}, which must define the function {@code entry}, and calls it on each
   * test. Never throws; a failure of the sandbox itself is a {@link Outcome#SANDBOX_FAILURE}.
   */
  public Verdict verify(String program, String entry, List<TestCase> tests) {
    long start = System.nanoTime();
    try {
      return run(program, entry, tests, start);
    } catch (IOException | RuntimeException e) {
      return new Verdict(Outcome.SANDBOX_FAILURE, 0, tests.size(), "sandbox error: " + e, millisSince(start));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Verdict(Outcome.SANDBOX_FAILURE, 0, tests.size(), "interrupted", millisSince(start));
    }
  }

  private Verdict run(String program, String entry, List<TestCase> tests, long start)
      throws IOException, InterruptedException {
    String nonce = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    String marker = MARKER + nonce;
    Path workdir = Files.createTempDirectory(MARKER);
    Process process = null;
    try {
      List<String> command = new ArrayList<>(List.of(unshare.toString()));
      if (!dropToNobody) {
        command.addAll(List.of("--user", "--map-root-user"));
      }
      command.addAll(List.of("--net", "--pid", "--fork", "--kill-child", "--mount", "--mount-proc",
          "--propagation", "private", "/bin/sh", "-c", SETUP, marker, workdir.toString()));
      if (dropToNobody) {
        int uid = FIRST_UID + Math.floorMod(NEXT_UID.getAndIncrement(), UIDS);
        command.addAll(List.of(setpriv.toString(), "--reuid=" + uid, "--regid=" + uid, "--clear-groups",
            "--no-new-privs"));
      }
      command.addAll(List.of(prlimit.toString(),
          "--cpu=" + limits.cpuSeconds() + ":" + (limits.cpuSeconds() + 1),
          "--as=" + limits.memoryBytes(),
          "--nproc=" + limits.maxProcesses(),
          "--fsize=" + limits.memoryBytes() / 8,
          "--nofile=64",
          "--core=0",
          "--", python.toString(), "-I", "-S", "-B", "-c", RUNNER, marker));
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(workdir.toFile());
      Map<String, String> env = builder.environment();
      env.clear();
      env.put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
      env.put("LANG", "C.UTF-8");
      env.put("RLX_TMPFS_BYTES", Long.toString(limits.memoryBytes() / 8));
      process = builder.start();
      CappedReader output = new CappedReader(process.getInputStream(), limits.maxOutputBytes());
      Thread reader = new Thread(output, marker + "-output");
      reader.setDaemon(true);
      reader.start();
      try (OutputStream stdin = process.getOutputStream()) {
        stdin.write(request(nonce, program, entry, tests, auditHook).getBytes(StandardCharsets.UTF_8));
      } catch (IOException ignored) {
        // it ended before reading its input; its exit status says why
      }
      long deadline = start + limits.wallClock().toNanos();
      boolean exited = false;
      while (!exited && !output.overflowed() && System.nanoTime() < deadline) {
        exited = process.waitFor(Math.min(20_000_000L, Math.max(1, deadline - System.nanoTime())), TimeUnit.NANOSECONDS);
      }
      if (!exited) {
        killTree(process);
        reader.join(1000);
        return output.overflowed()
            ? new Verdict(Outcome.OUTPUT_LIMIT, 0, tests.size(), "printed more than " + limits.maxOutputBytes()
                + " bytes", millisSince(start))
            : new Verdict(Outcome.TIMEOUT, 0, tests.size(), "still running after " + limits.wallClock().toMillis()
                + " ms", millisSince(start));
      }
      killTree(process); // nothing should be left; make sure
      reader.join(1000);
      return classify(process.exitValue(), output, nonce, tests.size(), start);
    } finally {
      if (process != null && process.isAlive()) {
        killTree(process);
      }
      deleteRecursively(workdir);
    }
  }

  private Verdict classify(int exit, CappedReader output, String nonce, int total, long start) {
    String text = output.text();
    long millis = millisSince(start);
    if (output.overflowed()) {
      return new Verdict(Outcome.OUTPUT_LIMIT, 0, total, "printed more than " + limits.maxOutputBytes() + " bytes", millis);
    }
    String prefix = RESULT + nonce + " ";
    int at = text.lastIndexOf(prefix);
    if (at >= 0 && exit == 0) {
      String line = text.substring(at + prefix.length()).lines().findFirst().orElse("");
      String[] parts = line.split(" ", 4);
      try {
        Outcome outcome = Outcome.valueOf(parts[0]);
        return new Verdict(outcome, Integer.parseInt(parts[1]), Integer.parseInt(parts[2]),
            parts.length > 3 ? parts[3] : "", millis);
      } catch (RuntimeException e) {
        return new Verdict(Outcome.SANDBOX_FAILURE, 0, total, "unreadable result line: " + line, millis);
      }
    }
    String tail = tail(text);
    return switch (exit) {
      case 128 + 24 -> new Verdict(Outcome.CPU_LIMIT, 0, total, "used up " + limits.cpuSeconds() + " s of CPU", millis);
      case 128 + 9 -> new Verdict(Outcome.KILLED, 0, total, "killed (SIGKILL: hard CPU limit or out of memory)" + tail, millis);
      case 128 + 25 -> new Verdict(Outcome.KILLED, 0, total, "wrote past the file-size limit (SIGXFSZ)", millis);
      case 128 + 6, 128 + 11 -> new Verdict(Outcome.KILLED, 0, total,
          "crashed (signal " + (exit - 128) + "; e.g. out of memory in native code)" + tail, millis);
      case 120, 121, 126, 127 -> new Verdict(Outcome.SANDBOX_FAILURE, 0, total, "the sandbox did not start (exit "
          + exit + ")" + tail, millis);
      default -> exit > 128
          ? new Verdict(Outcome.KILLED, 0, total, "killed by signal " + (exit - 128) + tail, millis)
          : text.contains("unshare:")
              ? new Verdict(Outcome.SANDBOX_FAILURE, 0, total, "unshare failed (exit " + exit + ")" + tail, millis)
              : new Verdict(Outcome.ERROR, 0, total, "exited with code " + exit + " and no result" + tail, millis);
    };
  }

  private static String tail(String text) {
    String t = text.strip();
    if (t.isEmpty()) {
      return "";
    }
    t = t.length() > 200 ? "…" + t.substring(t.length() - 200) : t;
    return ": " + t.replaceAll("\\s+", " ");
  }

  /** SIGKILL to every descendant, then to the root; the PID namespace takes care of any process that escaped the list. */
  private static void killTree(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String request(String nonce, String program, String entry, List<TestCase> tests, boolean audit) {
    StringBuilder json = new StringBuilder("{\"nonce\":").append(quote(nonce))
        .append(",\"audit\":").append(audit)
        .append(",\"entry\":").append(quote(entry))
        .append(",\"program\":").append(quote(program))
        .append(",\"tests\":[");
    for (int i = 0; i < tests.size(); i++) {
      json.append(i == 0 ? "" : ",").append('[').append(quote(tests.get(i).arguments())).append(',')
          .append(quote(tests.get(i).expected())).append(']');
    }
    return json.append("]}").toString();
  }

  private static String quote(String s) {
    StringBuilder q = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        q.append('\\').append(c);
      } else if (c < 0x20 || (c >= 0xD800 && c <= 0xDFFF)) {
        q.append(String.format("\\u%04x", (int) c));
      } else {
        q.append(c);
      }
    }
    return q.append('"').toString();
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException ignored) {
      // already gone
    }
  }

  private static String loadRunner() {
    try (InputStream in = CodeVerifier.class.getResourceAsStream("sandbox_runner.py")) {
      if (in == null) {
        throw new IllegalStateException("sandbox_runner.py is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
