package dev.rlx.environments.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.lang.ref.Cleaner;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs an untrusted Python program against unit tests in a sandboxed child process (the
 * code verifier of references.md §7.7) and says whether it passed. Every abnormal end — a
 * syntax error, an exception, an infinite loop, a fork bomb, unbounded allocation, a socket,
 * a write outside its directory, a flood of output — scores 0 with an {@link Outcome} and a
 * reason for the log; {@link #verify} never throws.
 *
 * <p><b>Trust boundary.</b> Expected values never enter the sandbox. The program's process is
 * sent the program and the test arguments only; it reports what each call returned on a result
 * channel that is not the program's stdout, in a strict encoding of the plain built-in types
 * ({@link PythonValue}), and the comparison is made here, in Java. Printing a forged result,
 * patching the runner's globals or walking its frames can therefore change nothing but the
 * values reported — which is what returning them does.
 *
 * <p>The sandbox is layered, outermost first:
 * <ol>
 *   <li><b>Wall clock, from Java</b>: the run is killed after {@link Limits#wallClock()}
 *       (SIGKILL to every descendant and to the sandbox's root), and its log and result
 *       channel are read through caps, past which it is killed too.
 *   <li><b>A memory and a pids cgroup per run</b> ({@link SandboxCgroups}): everything the run
 *       holds counts against {@link Limits#memoryBytes()} — heap, {@code /tmp}, memfd files, SysV
 *       shared memory, all its processes — and its processes against
 *       {@link Limits#maxProcesses()}; the kernel's OOM killer acts inside the run.
 *   <li><b>Namespaces</b> ({@code unshare}): network (no interfaces up), PID (its init is tied to
 *       the sandbox's root process, so every process left inside dies with it), mount, IPC (SysV
 *       objects and POSIX message queues die with the run) and UTS.
 *   <li><b>A minimal root</b> ({@link SandboxRoot}): the program is chrooted into a read-only
 *       tree that holds only the Python runtime, three devices, a private {@code /proc}
 *       showing only its own processes, and a size-capped tmpfs on {@code /tmp}, its working
 *       directory. The host's files and Unix sockets are not there to be read or reached.
 *   <li><b>An unprivileged user</b>: the program runs as a uid of its own (one per run, from a
 *       range of a million that no account uses) with no capabilities and
 *       {@code no_new_privs}, so it cannot leave the chroot, signal or trace other processes,
 *       or gain privileges.
 *   <li><b>rlimits</b> ({@code prlimit}): CPU seconds (SIGXCPU, then SIGKILL a second later),
 *       address space, process count, file size, open files, no core dumps.
 *   <li><b>A Python audit hook</b> (PEP 578) in the runner script: refuses process creation,
 *       sockets, native code ({@code ctypes}) and file changes outside the working directory
 *       with a clear reason ({@link Outcome#FORBIDDEN}). A second layer only; it makes refusals
 *       explicit rather than leaving them to surface as odd errors. The interpreter runs
 *       isolated ({@code -I -S -B}) with an empty environment.
 * </ol>
 * All of it needs root (the uid change, the cgroups). Without root, the sandbox falls back to a
 * user namespace: the program is uid 0 of that namespace (a chroot is then no boundary against
 * native code), no cgroup bounds its memory as a whole or its processes, and the process
 * rlimit is not enforced. The verifier refuses to run untrusted code that way unless the caller
 * opts in ({@link #CodeVerifier(Limits, boolean)}; the text-code task's {@code weak_sandbox}).
 * Needs Linux, {@code python3}, util-linux ({@code unshare}, {@code prlimit}, {@code setpriv},
 * {@code mount}) and coreutils' {@code chroot}; the constructor says what to install when one is
 * missing.
 */
public final class CodeVerifier {

  /** The prefix of every sandbox's process names and cgroups: those with it belong to a run. */
  public static final String MARKER = "rlx-sandbox-";
  /** Runs as uids FIRST_UID .. FIRST_UID + UIDS − 1, one per run, unused by any account. */
  private static final int FIRST_UID = 1_000_000;
  private static final int UIDS = 1_000_000;
  /** The most the result channel may carry: more is a program returning huge values. */
  private static final int MAX_CHANNEL_BYTES = 1 << 20;
  /** Processes of a run's pids cgroup beyond the program's: the namespace's init (sh) and one mount. */
  private static final int SANDBOX_PROCESSES = 2;
  private static final String SETUP = String.join("\n",
      "F=\"$1\"; shift",
      "while [ \"$1\" != -- ]; do",
      "  echo 0 > \"$1\" || { echo \"RLX-SETUP cannot join the cgroup $1\" >&2; exit 122; }",
      "  shift",
      "done",
      "shift",
      "mount -a -T \"$F\" || { echo \"RLX-SETUP cannot mount the sandbox's root\" >&2; exit 120; }",
      "\"$@\"", // not exec'd: sh stays the namespace's init, so the program is not PID 1 (which ignores SIGXCPU)
      "");
  private static final String RUNNER = loadRunner();
  private static final Cleaner CLEANER = Cleaner.create();

  private final Limits limits;
  private final Path unshare;
  private final Path prlimit;
  private final Path setpriv;
  private final Path chroot;
  private final boolean dropPrivileges;
  private final SandboxCgroups cgroups;
  private final SandboxRoot root;
  private final boolean auditHook;
  private final AtomicInteger nextUid = new AtomicInteger(new SecureRandom().nextInt(UIDS));

  /**
   * How much a run may use.
   *
   * @param cpuSeconds CPU time (RLIMIT_CPU); SIGKILL follows one second after SIGXCPU
   * @param memoryBytes address space (RLIMIT_AS) and all the run holds (its memory cgroup); the working
   *     directory's tmpfs is an eighth of it
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
   * One unit test: the entry function called with {@code arguments} (a tuple) must return
   * {@code expected}, both written as Python literals ({@code "(3, 4)"}, {@code "7"}); the
   * value must have exactly the expected type (an int where a float is expected is accepted).
   * Only the arguments are sent to the sandbox.
   *
   * @throws IllegalArgumentException when either is not a literal of the supported types
   *     ({@link PythonLiteral}), or the arguments are not a tuple
   */
  public record TestCase(String arguments, String expected) {
    public TestCase {
      Objects.requireNonNull(arguments, "arguments");
      Objects.requireNonNull(expected, "expected");
      if (!(PythonLiteral.parse(arguments) instanceof PythonValue.PyTuple)) {
        throw new IllegalArgumentException("test arguments must be a tuple literal such as \"(3,)\" or \"(1, 2)\", found "
            + arguments);
      }
      PythonLiteral.parse(expected);
    }
  }

  /** A verifier with {@link Limits#DEFAULT}. */
  public CodeVerifier() {
    this(Limits.DEFAULT);
  }

  /**
   * A verifier with the full isolation, which needs root.
   *
   * @throws IllegalStateException naming what to install when python3, util-linux or chroot is
   *     missing, or what is missing for the full isolation and how to accept a weaker one
   */
  public CodeVerifier(Limits limits) {
    this(limits, false);
  }

  /**
   * @param allowWeakIsolation run untrusted programs even where the full isolation is not
   *     available (not root): in a user namespace, without cgroups (see the class comment)
   */
  public CodeVerifier(Limits limits, boolean allowWeakIsolation) {
    this(limits, allowWeakIsolation, true);
  }

  /** With only the kernel-enforced layers, no audit hook: for tests of those layers (weak isolation accepted). */
  static CodeVerifier withoutAuditHook(Limits limits) {
    return new CodeVerifier(limits, true, false);
  }

  private CodeVerifier(Limits limits, boolean allowWeakIsolation, boolean auditHook) {
    this.auditHook = auditHook;
    this.limits = Objects.requireNonNull(limits, "limits");
    List<String> missing = new ArrayList<>();
    Path python = SandboxTools.findPython().orElse(null);
    if (python == null) {
      missing.add("python3 (Debian: apt-get install python3-minimal; or set RLX_SANDBOX_PYTHON to an interpreter)");
    }
    this.unshare = SandboxTools.findExecutable("unshare").orElse(null);
    this.prlimit = SandboxTools.findExecutable("prlimit").orElse(null);
    this.setpriv = SandboxTools.findExecutable("setpriv").orElse(null);
    this.chroot = SandboxTools.findExecutable("chroot").orElse(null);
    if (unshare == null || prlimit == null || setpriv == null || chroot == null
        || SandboxTools.findExecutable("mount").isEmpty() || SandboxTools.findExecutable("ldd").isEmpty()
        || !Files.isExecutable(Path.of("/bin/sh"))) {
      missing.add("util-linux's unshare, prlimit, setpriv and mount, coreutils' chroot, ldd and /bin/sh"
          + " (Debian: apt-get install util-linux mount coreutils libc-bin)");
    }
    if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
      missing.add("Linux (namespaces, cgroups and rlimits)");
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException("the code verifier's sandbox needs " + String.join(", and ", missing)
          + "; .ci/run installs them on Debian");
    }
    List<String> weaknesses = new ArrayList<>();
    boolean asRoot = "root".equals(System.getProperty("user.name"));
    if (!asRoot) {
      weaknesses.add("rlx is not running as root, so a run cannot have a uid of its own");
    } else if (!SandboxTools.readableByOthers(python)) {
      weaknesses.add("the interpreter " + python + " cannot be run by other users (set RLX_SANDBOX_PYTHON to one"
          + " that can, such as /usr/bin/python3)");
    }
    SandboxCgroups.Found found = asRoot ? SandboxCgroups.find() : new SandboxCgroups.Found(Optional.empty(), "");
    if (asRoot && found.cgroups().isEmpty()) {
      weaknesses.add("no memory and pids cgroup: " + found.whyNot());
    }
    refuseWeakIsolation(weaknesses, allowWeakIsolation);
    this.dropPrivileges = weaknesses.isEmpty();
    this.cgroups = dropPrivileges ? found.cgroups().orElseThrow() : null;
    try {
      this.root = SandboxRoot.build(python, limits.memoryBytes() / 8);
    } catch (IOException e) {
      throw new IllegalStateException("the code verifier cannot build its sandbox's root from " + python + ": "
          + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while building the sandbox's root", e);
    }
    // The skeleton goes when the verifier does (a sweep makes one per trial), or at exit at the latest.
    SandboxRoot built = root;
    Thread atExit = new Thread(built::close, MARKER + "root-cleanup");
    Runtime.getRuntime().addShutdownHook(atExit);
    CLEANER.register(this, () -> {
      built.close();
      try {
        Runtime.getRuntime().removeShutdownHook(atExit);
      } catch (IllegalStateException exiting) {
        // the hook is running or about to
      }
    });
  }

  /**
   * @throws IllegalStateException when the full isolation is missing (the {@code weaknesses} say
   *     why) and the caller did not accept a weaker one
   */
  static void refuseWeakIsolation(List<String> weaknesses, boolean allowWeakIsolation) {
    if (!weaknesses.isEmpty() && !allowWeakIsolation) {
      throw new IllegalStateException("the code verifier runs untrusted programs only in its full sandbox, and here "
          + String.join("; and ", weaknesses) + ". Run rlx as root (as .ci/run does), or accept a weaker sandbox"
          + " (a user namespace: no memory limit on the run as a whole, no process limit, a chroot that native code"
          + " can leave) with environment.params.weak_sandbox: true (text-code), or new CodeVerifier(limits, true)");
    }
  }

  /** The limits of every run. */
  public Limits limits() {
    return limits;
  }

  /** Whether runs have the full isolation: a uid of their own, cgroups (true when running as root). */
  public boolean privilegeDrop() {
    return dropPrivileges;
  }

  /** What isolates a run, in one line, for the log. */
  public String isolation() {
    return dropPrivileges
        ? "full: a uid of its own, " + cgroups.describe() + ", namespaces (net, pid, mount, ipc, uts), a read-only"
            + " minimal root of the Python runtime"
        : "weak: a user namespace (uid 0 inside), namespaces (net, pid, mount, ipc, uts), a minimal root, rlimits;"
            + " no cgroup";
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
    String marker = MARKER + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    SandboxCgroups.Run groups = cgroups == null ? null
        : cgroups.open(marker, limits.memoryBytes(), limits.maxProcesses() + SANDBOX_PROCESSES);
    Process process = null;
    try {
      List<String> command = new ArrayList<>(List.of(unshare.toString()));
      if (!dropPrivileges) {
        command.addAll(List.of("--user", "--map-root-user"));
      }
      command.addAll(List.of("--net", "--pid", "--fork", "--kill-child", "--mount", "--ipc", "--uts",
          "--propagation", "private", "/bin/sh", "-c", SETUP, marker, root.fstab().toString()));
      if (groups != null) {
        groups.procsFiles().forEach(f -> command.add(f.toString()));
      }
      command.add("--");
      command.addAll(List.of(setpriv.toString(), "--no-new-privs", "--", prlimit.toString(),
          "--cpu=" + limits.cpuSeconds() + ":" + (limits.cpuSeconds() + 1),
          "--as=" + limits.memoryBytes(),
          "--nproc=" + limits.maxProcesses(),
          "--fsize=" + limits.memoryBytes() / 8,
          "--nofile=64",
          "--core=0",
          "--", chroot.toString()));
      if (dropPrivileges) {
        int uid = FIRST_UID + Math.floorMod(nextUid.getAndIncrement(), UIDS);
        command.addAll(List.of("--userspec=" + uid + ":" + uid, "--groups=" + uid));
      }
      command.addAll(List.of(root.root().toString(), root.python().toString(), "-I", "-S", "-B", "-c", RUNNER, "/tmp"));
      ProcessBuilder builder = new ProcessBuilder(command).directory(new java.io.File("/"));
      Map<String, String> env = builder.environment();
      env.clear();
      env.put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
      env.put("LANG", "C.UTF-8");
      process = builder.start();
      CappedReader channel = new CappedReader(process.getInputStream(), MAX_CHANNEL_BYTES);
      CappedReader log = new CappedReader(process.getErrorStream(), limits.maxOutputBytes());
      Thread channelReader = new Thread(channel, marker + "-channel");
      Thread logReader = new Thread(log, marker + "-log");
      channelReader.setDaemon(true);
      logReader.setDaemon(true);
      channelReader.start();
      logReader.start();
      try (OutputStream stdin = process.getOutputStream()) {
        stdin.write(RunnerProtocol.request(program, entry, tests, auditHook).getBytes(StandardCharsets.UTF_8));
      } catch (IOException ignored) {
        // it ended before reading its input; its exit status says why
      }
      long deadline = start + limits.wallClock().toNanos();
      boolean exited = false;
      while (!exited && !log.overflowed() && !channel.overflowed() && System.nanoTime() < deadline) {
        exited = process.waitFor(Math.min(20_000_000L, Math.max(1, deadline - System.nanoTime())), TimeUnit.NANOSECONDS);
      }
      killTree(process); // on a timeout or an overflow; otherwise nothing should be left, and this makes sure
      channelReader.join(1000);
      logReader.join(1000);
      boolean outOfMemory = groups != null && groups.oomKilled();
      if (!exited) {
        return log.overflowed() ? new Verdict(Outcome.OUTPUT_LIMIT, 0, tests.size(), "printed more than "
                + limits.maxOutputBytes() + " bytes", millisSince(start))
            : channel.overflowed() ? new Verdict(Outcome.OUTPUT_LIMIT, 0, tests.size(), "returned more than "
                + MAX_CHANNEL_BYTES + " bytes of values", millisSince(start))
            : new Verdict(Outcome.TIMEOUT, 0, tests.size(), "still running after " + limits.wallClock().toMillis()
                + " ms", millisSince(start));
      }
      return classify(process.exitValue(), outOfMemory, channel, log, entry, tests, start);
    } finally {
      if (process != null && process.isAlive()) {
        killTree(process);
      }
      if (groups != null) {
        groups.close();
      }
    }
  }

  private Verdict classify(int exit, boolean outOfMemory, CappedReader channel, CappedReader log, String entry,
      List<TestCase> tests, long start) {
    long millis = millisSince(start);
    int total = tests.size();
    if (log.overflowed() || channel.overflowed()) {
      return new Verdict(Outcome.OUTPUT_LIMIT, 0, total, log.overflowed() ? "printed more than "
          + limits.maxOutputBytes() + " bytes" : "returned more than " + MAX_CHANNEL_BYTES + " bytes of values", millis);
    }
    if (outOfMemory) {
      return new Verdict(Outcome.MEMORY_LIMIT, 0, total, "killed by its memory cgroup at "
          + (limits.memoryBytes() >> 20) + " MiB (heap, /tmp, memfd and shared memory of all its processes)", millis);
    }
    String tail = tail(log.text());
    if (exit != 0) {
      return switch (exit) {
        case 128 + 24 -> new Verdict(Outcome.CPU_LIMIT, 0, total, "used up " + limits.cpuSeconds() + " s of CPU", millis);
        case 128 + 9 -> new Verdict(Outcome.KILLED, 0, total, "killed (SIGKILL: hard CPU limit)" + tail, millis);
        case 128 + 25 -> new Verdict(Outcome.KILLED, 0, total, "wrote past the file-size limit (SIGXFSZ)", millis);
        case 128 + 6, 128 + 11 -> new Verdict(Outcome.KILLED, 0, total,
            "crashed (signal " + (exit - 128) + "; e.g. out of memory in native code)" + tail, millis);
        case 120, 121, 122, 125, 126, 127 -> new Verdict(Outcome.SANDBOX_FAILURE, 0, total,
            "the sandbox did not start (exit " + exit + ")" + tail, millis);
        default -> exit > 128
            ? new Verdict(Outcome.KILLED, 0, total, "killed by signal " + (exit - 128) + tail, millis)
            : log.text().contains("unshare:")
                ? new Verdict(Outcome.SANDBOX_FAILURE, 0, total, "unshare failed (exit " + exit + ")" + tail, millis)
                : new Verdict(Outcome.ERROR, 0, total, "exited with code " + exit + " and no result" + tail, millis);
      };
    }
    return RunnerProtocol.judge(channel.bytes(), entry, tests, millis, tail);
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

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
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
