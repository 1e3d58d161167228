package dev.rlx.environments.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.rlx.environments.text.CodeVerifier.Limits;
import dev.rlx.environments.text.CodeVerifier.Outcome;
import dev.rlx.environments.text.CodeVerifier.TestCase;
import dev.rlx.environments.text.CodeVerifier.Verdict;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attacks of the sandbox's threat model, each as a program an attacker would submit, run
 * through the public {@code CodeVerifier(Limits).verify(program, "f", tests)} as root (so that
 * each run has a uid of its own). Each asserts the verdict and that nothing outlived the run:
 * no process of a sandbox uid, no SysV object, no cgroup, no file outside its tmpfs.
 *
 * <p>Many programs test the isolation from the inside: they compute the right answer
 * ({@code 2*x+1}) only when the attack failed, so PASSED means "it could not".
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CodeVerifierAttackTest {

  private static final List<TestCase> TESTS =
      List.of(new TestCase("(1,)", "3"), new TestCase("(2,)", "5"), new TestCase("(-4,)", "-7"));
  private static final Limits LIMITS = new Limits(1, 256L << 20, Duration.ofSeconds(4), 16, 16 << 10);
  private CodeVerifier verifier;
  private CodeVerifier kernelOnly;

  @BeforeAll
  void fullSandbox() {
    assumeThat(System.getProperty("user.name")).as("the full sandbox needs root").isEqualTo("root");
    verifier = new CodeVerifier(LIMITS);
    kernelOnly = CodeVerifier.withoutAuditHook(LIMITS);
    assertThat(verifier.privilegeDrop()).as(verifier.isolation()).isTrue();
  }

  @AfterEach
  void nothingOutlivedTheRun() {
    assertThat(SandboxLeftovers.find()).isEmpty();
  }

  private Verdict run(CodeVerifier v, String name, String program) {
    Verdict verdict = v.verify(program, "f", TESTS);
    System.err.printf("sandbox attack: %-52s %-13s %5d ms  %s%n", name, verdict.outcome(), verdict.millis(),
        verdict.detail());
    assertThat(verdict.millis()).isLessThan(6000);
    return verdict;
  }

  /** Forging the verdict: none of it can, since the expected values are not in the sandbox. */
  @Nested
  class ForgedVerdicts {

    @Test
    void printingAResultLineWithTheNonceFromArgv() {
      Verdict v = run(verifier, "prints a result line (argv, nonce)", """
          import sys
          print("RLX-RESULT", " ".join(sys.argv), "PASSED 3 3 forged")
          print("RLX-RESULT", sys.argv[-1], "PASSED 3 3 forged", file=sys.stderr)
          f = lambda x: 0
          """);
      assertThat(v.outcome()).isEqualTo(Outcome.WRONG_ANSWER);
      assertThat(v.passed()).isZero();
    }

    @Test
    void patchingTheRunnersFunctionsThroughMain() {
      Verdict v = run(verifier, "patches __main__ (comparison, encoder)", """
          import __main__
          __main__.same = lambda a, b: True
          __main__.encode = lambda value: {"int": "3"}
          f = lambda x: 0
          """);
      assertThat(v.score()).isZero();
      assertThat(v.passed()).as("only f(1) = 3 is right, and only because the program reported 3").isLessThanOrEqualTo(1);
    }

    @Test
    void callingTheRunnersReportThroughItsFrames() {
      Verdict v = run(verifier, "ends the run from the runner's frame", """
          import sys
          frame = sys._getframe(0)
          while frame is not None and "stop" not in frame.f_locals:
              frame = frame.f_back
          frame.f_locals["stop"]({"end": 3})
          """);
      assertThat(v.outcome()).isEqualTo(Outcome.ERROR);
      assertThat(v.detail()).contains("malformed result channel");
    }

    @Test
    void writingFramesOfItsOwnOnTheChannel() {
      Verdict v = run(verifier, "writes frames of its own to every descriptor", """
          import os
          for fd in range(3, 10):
              try:
                  os.write(fd, b'13\\n{"end":3}' + b'17\\n{"value":true}')
              except OSError:
                  pass
          f = lambda x: 0
          """);
      assertThat(v.score()).isZero();
    }

    @Test
    void turningTheAuditHookOffFromPython() {
      Verdict v = run(verifier, "replaces the hook's code, clears its state", """
          import __main__
          try:
              __main__.hook.__defaults__[-1].clear()
              __main__.hook.__code__ = (lambda event, args: None).__code__
          except Exception:
              pass
          import ctypes
          f = lambda x: 2*x+1
          """);
      assertThat(v.outcome()).isEqualTo(Outcome.FORBIDDEN);
    }

    @Test
    void aSubclassOfIntWithALyingEquality() {
      Verdict v = run(verifier, "returns an int subclass equal to everything", """
          class Liar(int):
              def __eq__(self, other): return True
              __hash__ = int.__hash__
          f = lambda x: Liar(0)
          """);
      assertThat(v.outcome()).isEqualTo(Outcome.WRONG_ANSWER);
    }
  }

  /** With the audit hook off, what the hook used to refuse runs, and stays inside. */
  @Nested
  class PastTheAuditHook {

    @Test
    void nativeCodeCannotMountOrChroot() {
      Verdict v = run(kernelOnly, "ctypes: mount, chroot, unshare, setuid(0)", """
          import ctypes, os
          libc = ctypes.CDLL(None, use_errno=True)
          os.mkdir("/tmp/d")
          results = [libc.mount(b"none", b"/tmp/d", b"tmpfs", 0, None), libc.chroot(b"/tmp/d"),
                     libc.unshare(0x00020000), libc.setuid(0)]
          f = lambda x: 2*x+1 if all(r == -1 for r in results) else 0
          """);
      assertThat(v.outcome()).as(v.detail()).isEqualTo(Outcome.PASSED);
    }

    @Test
    void theShellAndOtherProgramsAreNotThere() {
      Verdict v = run(kernelOnly, "os.system, subprocess of /bin/sh", """
          import os, subprocess
          status = os.system("touch /tmp/x; echo pwned")
          try:
              subprocess.run(["/bin/sh", "-c", "id"])
              ran = True
          except OSError:
              ran = False
          f = lambda x: 2*x+1 if status != 0 and not ran else 0
          """);
      assertThat(v.outcome()).as(v.detail()).isEqualTo(Outcome.PASSED);
    }

    @Test
    void aDaemonDiesWithTheRun() {
      Verdict v = run(kernelOnly, "double fork, setsid, sleep", """
          import os, time
          if os.fork() == 0:
              os.setsid()
              if os.fork() == 0:
                  time.sleep(60)
              os._exit(0)
          f = lambda x: 2*x+1
          """);
      assertThat(v.outcome()).as(v.detail()).isEqualTo(Outcome.PASSED);
    }

    @Test
    void signalsReachOnlyItself() {
      Verdict v = run(kernelOnly, "kill(1), kill(parent)", """
          import os, signal
          denied = 0
          for pid in (1, os.getppid()):
              try:
                  os.kill(pid, signal.SIGKILL)
              except PermissionError:
                  denied += 1
          f = lambda x: 2*x+1 if denied == 2 else 0
          """);
      assertThat(v.outcome()).as(v.detail()).isEqualTo(Outcome.PASSED);
    }
  }

  /** The gaps below the hook that the namespaces, the minimal root and the cgroups close. */
  @Nested
  class Isolation {

    @Test
    void sysvSharedMemoryAndQueuesDieWithTheRun() {
      String create = """
          import ctypes
          libc = ctypes.CDLL(None, use_errno=True)
          libc.shmat.restype = ctypes.c_void_p
          shm = libc.shmget(0x524c58, 64 << 20, 0o1000 | 0o666)
          addr = libc.shmat(shm, None, 0)
          libc.memset(ctypes.c_void_p(addr), 7, 64 << 20)
          queue = libc.msgget(0x524c59, 0o1000 | 0o666)
          message = ctypes.create_string_buffer(8 + 64)
          ctypes.c_long.from_buffer(message).value = 1
          message[8:14] = b"secret"
          sent = libc.msgsnd(queue, message, 64, 0)
          f = lambda x: 2*x+1 if shm >= 0 and addr not in (None, 2**64 - 1) and queue >= 0 and sent == 0 else 0
          """;
      Verdict first = run(kernelOnly, "creates 64 MiB of SysV shm and a queue", create);
      assertThat(first.outcome()).as("the program could create them inside: " + first.detail()).isEqualTo(Outcome.PASSED);
      Verdict second = run(kernelOnly, "a later run looks for them", """
          import ctypes
          libc = ctypes.CDLL(None, use_errno=True)
          found = libc.shmget(0x524c58, 0, 0) >= 0 or libc.msgget(0x524c59, 0) >= 0
          f = lambda x: 0 if found else 2*x+1
          """);
      assertThat(second.outcome()).as(second.detail()).isEqualTo(Outcome.PASSED);
      assertThat(SandboxLeftovers.ipcObjects()).isEmpty();
    }

    @Test
    void hostUnixSocketsAreNotReachable(@TempDir Path dir) throws Exception {
      Path socket = dir.resolve("open.sock");
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
      try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
        server.bind(UnixDomainSocketAddress.of(socket));
        server.configureBlocking(false);
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rwxrwxrwx"));
        Verdict v = run(kernelOnly, "connects to a world-writable host Unix socket", """
            import socket
            s = socket.socket(socket.AF_UNIX)
            try:
                s.connect(%s)
                s.sendall(b"pwned")
                reached = True
            except OSError:
                reached = False
            f = lambda x: 0 if reached else 2*x+1
            """.formatted(pythonString(socket.toString())));
        assertThat(v.outcome()).as(v.detail()).isEqualTo(Outcome.PASSED);
        assertThat(server.accept()).as("a connection from the sandbox").isNull();
      }
    }

    @Test
    void abstractAndTcpSocketsOfTheHostAreNotReachable() throws Exception {
      Process listener = new ProcessBuilder("python3", "-c", """
          import socket, sys, time
          s = socket.socket(socket.AF_UNIX)
          s.bind("\\0rlx-sandbox-test-abstract")
          s.listen()
          print("ready", flush=True)
          s.settimeout(2)
          try:
              s.accept()
              print("connected", flush=True)
          except OSError:
              pass
          """).redirectErrorStream(true).start();
      try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
          BufferedReader out = new BufferedReader(new InputStreamReader(listener.getInputStream()))) {
        assertThat(out.readLine()).isEqualTo("ready");
        tcp.setSoTimeout(200);
        Verdict v = run(kernelOnly, "connects to a host abstract socket and TCP port", """
            import socket
            reached = 0
            for family, address in ((socket.AF_UNIX, "\\0rlx-sandbox-test-abstract"), (socket.AF_INET, ("127.0.0.1", %d))):
                try:
                    socket.socket(family).connect(address)
                    reached += 1
                except OSError:
                    pass
            f = lambda x: 0 if reached else 2*x+1
            """.formatted(tcp.getLocalPort()));
        assertThat(v.outcome()).as(v.detail()).isEqualTo(Outcome.PASSED);
        assertThat(catchAccept(tcp)).as("a TCP connection from the sandbox").isFalse();
        assertThat(listener.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(out.readLine()).as("the abstract socket's listener").isNull();
      } finally {
        listener.destroyForcibly();
      }
    }

    @Test
    void theHostFilesystemIsNotThere(@TempDir Path dir) throws Exception {
      Path secret = dir.resolve("secret.txt");
      Files.writeString(secret, "secret");
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
      Path project = Path.of("pom.xml").toAbsolutePath();
      Verdict v = run(kernelOnly, "reads host files: secret, project, /etc, /proc/1/root", """
          import os
          readable = []
          for path in (%s, %s, "/etc/passwd", "/etc/hostname", "/proc/1/root/etc/hostname", "/root", "/home"):
              try:
                  open(path).read(1) if not os.path.isdir(path) else os.listdir(path)
                  readable.append(path)
              except OSError:
                  pass
          top = sorted(os.listdir("/"))
          f = lambda x: 2*x+1 if not readable and top == ["dev", "lib", "lib64", "proc", "tmp", "usr"] or (
              not readable and set(top) <= {"bin", "dev", "lib", "lib64", "proc", "tmp", "usr"}) else (readable, top)
          """.formatted(pythonString(secret.toString()), pythonString(project.toString())));
      assertThat(v.outcome()).as(v.detail()).isEqualTo(Outcome.PASSED);
    }

    @Test
    void memfdFilesCountAgainstTheMemoryLimit() {
      Verdict v = run(verifier, "64 memfd files of 16 MiB (audit hook on)", """
          import os
          chunk = b"\\0" * (1 << 20)
          fds = []
          for i in range(60):
              fd = os.memfd_create("x")
              for _ in range(16):
                  os.write(fd, chunk)
              fds.append(fd)
          f = lambda x: 2*x+1
          """);
      assertThat(v.outcome()).as(v.detail()).isEqualTo(Outcome.MEMORY_LIMIT);
    }

    @Test
    void manyProcessesHoldingMemoryCountTogether() {
      Verdict v = run(kernelOnly, "8 processes × 64 MiB of memfd (hook off)", """
          import os, time
          chunk = b"\\0" * (1 << 20)
          children = []
          for i in range(8):
              pid = os.fork()
              if pid == 0:
                  held = 0
                  try:
                      fd = os.memfd_create("x")
                      for _ in range(64):
                          os.write(fd, chunk)
                          held += 1
                  except BaseException:
                      pass
                  finally:
                      time.sleep(1.5)  # hold it while the others write theirs
                      os._exit(held)
              children.append(pid)
          held = 0
          for pid in children:
              _, status = os.waitpid(pid, 0)
              held += os.WEXITSTATUS(status) if os.WIFEXITED(status) else 0
          f = lambda x: 2*x+1 if held <= 256 else held
          """);
      assertThat(v.outcome()).as("the children together held at most 256 MiB: " + v.detail())
          .isIn(Outcome.PASSED, Outcome.MEMORY_LIMIT);
    }

    @Test
    void theRunSeesOnlyItsOwnProcessesDescriptorsAndEnvironment() {
      Verdict v = run(verifier, "lists /proc, its descriptors, its environment", """
          import os
          others = [p for p in os.listdir("/proc") if p.isdigit() and int(p) != os.getpid()]
          links = []
          for n in os.listdir("/proc/self/fd"):
              try:
                  links.append(os.readlink("/proc/self/fd/" + n))
              except FileNotFoundError:
                  pass  # the descriptor listdir used
          strange = [l for l in links if not (l.startswith("pipe:") or l.startswith("/proc/"))]
          env = sorted(os.environ)
          f = lambda x: 2*x+1 if not others and not strange and set(env) <= {"PATH", "LANG", "PWD"} else (others, strange, env)
          """);
      assertThat(v.outcome()).as(v.detail()).isEqualTo(Outcome.PASSED);
    }
  }

  private static boolean catchAccept(ServerSocket tcp) {
    try (java.net.Socket s = tcp.accept()) {
      return s != null;
    } catch (java.io.IOException timeout) {
      return false;
    }
  }

  private static String pythonString(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
