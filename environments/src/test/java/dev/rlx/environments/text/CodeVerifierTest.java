package dev.rlx.environments.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rlx.environments.text.CodeVerifier.Limits;
import dev.rlx.environments.text.CodeVerifier.Outcome;
import dev.rlx.environments.text.CodeVerifier.TestCase;
import dev.rlx.environments.text.CodeVerifier.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sandbox scores correct programs 1 and everything else 0, stopping hostile programs
 * quickly and leaving no process or file behind. Each case prints its wall-clock time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CodeVerifierTest {

  private static final List<TestCase> DOUBLE_PLUS_ONE =
      List.of(new TestCase("(1,)", "3"), new TestCase("(2,)", "5"), new TestCase("(-4,)", "-7"));
  private static final Limits LIMITS = new Limits(1, 256L << 20, Duration.ofSeconds(3), 16, 16 << 10);
  // Weak isolation accepted so that a developer who is not root can run these; as root (CI) runs are fully isolated.
  private final CodeVerifier verifier = new CodeVerifier(LIMITS, true);
  private long totalMillis;

  static Stream<Arguments> programs() {
    return Stream.of(
        Arguments.of("correct", "def f(x):\n    return 2*x+1\n", Outcome.PASSED),
        Arguments.of("correct lambda", "f = lambda x: x + x + 1", Outcome.PASSED),
        Arguments.of("correct, uses its directory",
            "open('scratch.txt', 'w').write('ok')\ndef f(x):\n    return 2*x+1\n", Outcome.PASSED),
        Arguments.of("wrong", "def f(x):\n    return 2*x\n", Outcome.WRONG_ANSWER),
        Arguments.of("float where an int is expected", "def f(x):\n    return 2.0*x+1\n", Outcome.WRONG_ANSWER),
        Arguments.of("lying __eq__",
            "class A:\n    def __eq__(self, o): return True\ndef f(x):\n    return A()\n", Outcome.WRONG_ANSWER),
        Arguments.of("raises", "def f(x):\n    return 1 // 0\n", Outcome.WRONG_ANSWER),
        Arguments.of("syntax error", "def f(x) return", Outcome.ERROR),
        Arguments.of("no entry function", "g = 1", Outcome.ERROR),
        Arguments.of("empty", "", Outcome.ERROR),
        Arguments.of("prints a forged result", "print('RLX-RESULT 0 PASSED 3 3 fake')\nf = lambda x: 0", Outcome.WRONG_ANSWER),
        Arguments.of("infinite loop", "while True:\n    pass\n", Outcome.CPU_LIMIT),
        Arguments.of("sleeps forever", "import time\ntime.sleep(100)\n", Outcome.TIMEOUT),
        Arguments.of("huge power", "f = lambda x: 9**9**9", Outcome.CPU_LIMIT),
        Arguments.of("fork bomb", "import os\nwhile True:\n    os.fork()\n", Outcome.FORBIDDEN),
        Arguments.of("fork bomb swallowing refusals",
            "import os\nfor _ in range(10000):\n    try:\n        os.fork()\n    except Exception:\n        pass\nf = lambda x: 2*x+1",
            Outcome.FORBIDDEN),
        Arguments.of("subprocess", "import subprocess\nsubprocess.run(['sh', '-c', 'echo hi'])", Outcome.FORBIDDEN),
        Arguments.of("os.system", "import os\nos.system('touch /tmp/rlx-pwned')", Outcome.FORBIDDEN),
        Arguments.of("unbounded allocation", "a = []\nwhile True:\n    a.append(bytearray(10**7))\n", Outcome.MEMORY_LIMIT),
        Arguments.of("one huge allocation", "a = bytearray(10**12)", Outcome.MEMORY_LIMIT),
        Arguments.of("opens a socket",
            "import socket\ns = socket.create_connection(('1.1.1.1', 53), timeout=5)", Outcome.FORBIDDEN),
        Arguments.of("writes outside its directory", "open('/rlx-pwned', 'w').write('x')", Outcome.FORBIDDEN),
        Arguments.of("writes through os.open",
            "import os\nos.open('/usr/rlx-pwned', os.O_WRONLY | os.O_CREAT)", Outcome.FORBIDDEN),
        Arguments.of("deletes outside its directory", "import os\nos.remove('/etc/hostname')", Outcome.FORBIDDEN),
        Arguments.of("escapes via ../", "open('../rlx-pwned', 'w').write('x')", Outcome.FORBIDDEN),
        Arguments.of("native code", "import ctypes\nctypes.CDLL(None).fork()", Outcome.FORBIDDEN),
        Arguments.of("floods output", "while True:\n    print('x' * 1000)\n", Outcome.OUTPUT_LIMIT),
        Arguments.of("deep recursion", "def f(x):\n    return f(x)\n", Outcome.WRONG_ANSWER),
        Arguments.of("exits early", "import os\nos._exit(0)", Outcome.ERROR),
        Arguments.of("exits with sys.exit", "import sys\nsys.exit(0)", Outcome.ERROR));
  }

  @ParameterizedTest(name = "{0} → {2}")
  @MethodSource("programs")
  void scoresOnlyCorrectProgramsAndStopsHostileOnesQuickly(String name, String program, Outcome expected) {
    Verdict verdict = verifier.verify(program, "f", DOUBLE_PLUS_ONE);
    totalMillis += verdict.millis();
    System.err.printf("code verifier: %-36s %-13s %5d ms  %s%n", name, verdict.outcome(), verdict.millis(), verdict.detail());
    assertThat(verdict.outcome()).as(verdict.detail()).isEqualTo(expected);
    assertThat(verdict.score()).isEqualTo(expected == Outcome.PASSED ? 1.0 : 0.0);
    assertThat(verdict.millis()).isLessThan(4000);
    assertThat(sandboxProcesses()).as("processes left by " + name).isEmpty();
  }

  static Stream<Arguments> hostileProgramsPastTheAuditHook() {
    return Stream.of(
        Arguments.of("fork bomb", "import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n"),
        Arguments.of("write outside its directory", "open('/rlx-pwned', 'w').write('x')\nf = lambda x: 2*x+1"),
        Arguments.of("write beside the interpreter", "open('/usr/bin/rlx-pwned', 'w').write('x')\nf = lambda x: 2*x+1"),
        Arguments.of("write to a world-writable directory", "open('/dev/shm/rlx-pwned', 'w').write('x')\nf = lambda x: 2*x+1"),
        Arguments.of("socket", "import socket\nsocket.create_connection(('1.1.1.1', 53), timeout=5)\nf = lambda x: 2*x+1"),
        Arguments.of("fill its directory", "open('big', 'wb').write(bytes(100 << 20))\nf = lambda x: 2*x+1"));
  }

  /** Without the audit hook, the namespaces, read-only mounts and rlimits still stop each of them. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileProgramsPastTheAuditHook")
  void theKernelLayersHoldWithoutTheAuditHook(String name, String program) {
    CodeVerifier kernelOnly = CodeVerifier.withoutAuditHook(LIMITS);
    Verdict verdict = kernelOnly.verify(program, "f", DOUBLE_PLUS_ONE);
    System.err.printf("code verifier, kernel layers only: %-36s %-13s %5d ms  %s%n", name, verdict.outcome(),
        verdict.millis(), verdict.detail());
    assertThat(verdict.score()).isZero();
    assertThat(verdict.outcome()).isNotIn(Outcome.FORBIDDEN, Outcome.SANDBOX_FAILURE);
    assertThat(verdict.millis()).isLessThan(4000);
    assertThat(sandboxProcesses()).as("processes left by " + name).isEmpty();
    assertThat(Path.of("/tmp/rlx-pwned")).doesNotExist();
    assertThat(Path.of("/dev/shm/rlx-pwned")).doesNotExist();
  }

  @Test
  void noProgramWroteOutsideItsDirectoryOrLeftOne() throws Exception {
    verifier.verify("open('/tmp/rlx-pwned', 'w')", "f", DOUBLE_PLUS_ONE);
    assertThat(Path.of("/tmp/rlx-pwned")).doesNotExist();
    assertThat(SandboxLeftovers.tmpFiles()).isEmpty();
    assertThat(SandboxLeftovers.cgroups()).isEmpty();
  }

  @Test
  void aVerifierNoLongerUsedTakesItsRootSkeletonWithIt() throws Exception {
    java.util.function.Supplier<Long> skeletons = () -> {
      try (Stream<Path> tmp = java.nio.file.Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
        return tmp.filter(p -> p.getFileName().toString().startsWith("rlx-jail-")).count();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    };
    long before = skeletons.get();
    for (int i = 0; i < 5; i++) {
      assertThat(new CodeVerifier(LIMITS, true).verify("f = lambda x: 2*x+1", "f", DOUBLE_PLUS_ONE).outcome())
          .isEqualTo(Outcome.PASSED);
    }
    for (int attempt = 0; attempt < 100 && skeletons.get() > before; attempt++) {
      System.gc();
      Thread.sleep(50);
    }
    assertThat(skeletons.get()).isLessThanOrEqualTo(before);
  }

  @Test
  void countsTestsPassedForPartialCredit() {
    Verdict verdict = verifier.verify("f = lambda x: 3 if x == 1 else 0", "f", DOUBLE_PLUS_ONE);
    assertThat(verdict.outcome()).isEqualTo(Outcome.WRONG_ANSWER);
    assertThat(verdict.passed()).isEqualTo(1);
    assertThat(verdict.passFraction()).isEqualTo(1.0 / 3);
    assertThat(verdict.detail()).contains("f(2,) returned 0, expected 5");
  }

  @Test
  void dropsToAnUnprivilegedUidOfItsOwnWhenRunAsRoot() {
    assertThat(verifier.privilegeDrop()).isEqualTo("root".equals(System.getProperty("user.name")));
    Verdict verdict = verifier.verify("import os\nf = lambda x: os.getuid() >= 1_000_000", "f",
        List.of(new TestCase("(0,)", verifier.privilegeDrop() ? "True" : "False")));
    assertThat(verdict.outcome()).as(verdict.detail()).isEqualTo(Outcome.PASSED);
  }

  @Test
  void costsTensOfMillisecondsPerCall() {
    int calls = 20;
    long start = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      Verdict verdict = verifier.verify("def f(x):\n    return 2*x+1\n", "f", DOUBLE_PLUS_ONE);
      assertThat(verdict.outcome()).as(verdict.detail()).isEqualTo(Outcome.PASSED);
    }
    double perCall = (System.nanoTime() - start) / 1e6 / calls;
    System.err.printf("code verifier: %.1f ms per call (mean of %d correct programs)%n", perCall, calls);
  }

  @AfterAll
  void reportTotal() {
    System.err.printf("code verifier: %d ms for all programs of the table%n", totalMillis);
    assertThat(totalMillis).isLessThan(20_000);
  }

  private static List<String> sandboxProcesses() {
    return SandboxLeftovers.processes();
  }

}
