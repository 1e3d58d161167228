package dev.rlx.environments.gymnasium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rlx.api.BatchedEnvironment.Batch;
import dev.rlx.api.EnvironmentName;
import dev.rlx.api.VectorEnvironment;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user sees when the Python side goes wrong: a worker that raises, exits, hangs or
 * prints; a package that is missing; a space rlx cannot act in; and that no Python process
 * outlives its trial, not even when the trial's JVM is killed with SIGKILL.
 */
@Tag("gymnasium")
class GymnasiumFaultsTest {

  @Test
  void anExceptionInStepFailsWithThePythonTraceback() {
    try (Gymnasium bridge = GymnasiumPython.bridge("rlx_test_envs:Faulty-v0", 1, 60, Map.of("fault", "raise"))) {
      assertThatThrownBy(() -> stepTenTimes(bridge))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("gymnasium:rlx_test_envs:Faulty-v0 worker 0")
          .hasMessageContaining("raised during step")
          .hasMessageContaining("Traceback (most recent call last)")
          .hasMessageContaining("rlx_test_envs.py")
          .hasMessageContaining("RuntimeError: the faulty environment broke at step 3");
    }
  }

  @Test
  void aWorkerThatDiesFailsWithItsExitCode() {
    try (Gymnasium bridge = GymnasiumPython.bridge("rlx_test_envs:Faulty-v0", 1, 60, Map.of("fault", "exit"))) {
      assertThatThrownBy(() -> stepTenTimes(bridge)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("died during step (exit code 7)");
    }
  }

  @Test
  void aWorkerThatHangsIsKilledAfterTheTimeoutAndItsStackShown() {
    long start = System.nanoTime();
    try (Gymnasium bridge = GymnasiumPython.bridge("rlx_test_envs:Faulty-v0", 1, 2, Map.of("fault", "hang"))) {
      assertThatThrownBy(() -> stepTenTimes(bridge)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("did not answer step in time and was killed")
          .hasMessageContaining("rlx_test_envs.py")
          .hasMessageContaining("in step");
      assertThat(bridge.workerPids()).isEmpty();
    }
    assertThat((System.nanoTime() - start) / 1e9).as("seconds, with a 2 s timeout").isLessThan(20);
  }

  @Test
  void whatAnEnvironmentPrintsToStdoutCannotCorruptTheProtocol() {
    try (Gymnasium bridge = GymnasiumPython.bridge("rlx_test_envs:Faulty-v0", 1, 60, Map.of("fault", "print"))) {
      Batch batch = stepTenTimes(bridge);
      assertThat(batch.terminated()[0]).as("terminated at step 10, as the environment says").isTrue();
      assertThat(batch.finalObservations()[0]).isEqualTo(0.1f);
      assertThat(bridge.logDirectory().resolve("worker-0.log")).as("what it printed is kept in the worker's log")
          .content().contains("a line on stdout from step 10", "bytes written straight to fd 1");
    }
  }

  @Test
  void aMissingPythonPackageIsOneLineSayingWhatToInstall(@TempDir Path dir) throws Exception {
    // a Python without site-packages: no gymnasium, no numpy
    Path bare = dir.resolve("bare-python");
    Files.writeString(bare, "#!/bin/sh\nexec " + GymnasiumPython.python() + " -S \"$@\"\n");
    bare.toFile().setExecutable(true);
    try (Gymnasium bridge = new Gymnasium(new GymnasiumParams(bare.toString(), "", 1, 0, true, 200, 60, 180, Map.of()),
        new EnvironmentName("gymnasium:CartPole-v1"))) {
      assertThatThrownBy(bridge::open).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("cannot import")
          .hasMessageContaining("pip install \"gymnasium[mujoco]==1.3.0\"")
          .hasMessageNotContaining("\n");
    }
    Path withoutMujoco = Path.of("src/test/resources/python-without-mujoco").toAbsolutePath();
    try (Gymnasium bridge = new Gymnasium(new GymnasiumParams(GymnasiumPython.python(), withoutMujoco.toString(), 1, 0, true, 200,
        60, 180, Map.of()), new EnvironmentName("gymnasium:HalfCheetah-v5"))) {
      assertThatThrownBy(bridge::open).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("HalfCheetah-v5: MuJoCo is not installed")
          .hasMessageContaining("pip install \"gymnasium[mujoco]\"")
          .hasMessageNotContaining("\n");
    }
    try (Gymnasium bridge = GymnasiumPython.bridge("rlx_no_such_package:Thing-v0")) {
      assertThatThrownBy(bridge::open).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("rlx_no_such_package")
          .hasMessageContaining("pip install")
          .hasMessageNotContaining("\n");
    }
  }

  @Test
  void anUnknownIdAndAMissingPythonAndAnUnsupportedSpaceSayWhatIsWrong() {
    try (Gymnasium bridge = GymnasiumPython.bridge("HalfCheetah-v99")) {
      assertThatThrownBy(bridge::open).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HalfCheetah");
    }
    try (Gymnasium bridge = new Gymnasium(new GymnasiumParams("/no/such/python3", "", 1, 0, true, 200, 60, 180, Map.of()),
        new EnvironmentName("gymnasium:CartPole-v1"))) {
      assertThatThrownBy(bridge::open).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("cannot start Python '/no/such/python3'")
          .hasMessageContaining("RLX_PYTHON");
    }
    try (Gymnasium bridge = GymnasiumPython.bridge("rlx_test_envs:TwoKnobs-v0")) {
      assertThatThrownBy(bridge::open).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Discrete or Box action spaces")
          .hasMessageContaining("MultiDiscrete([3 3])");
    }
  }

  @Test
  void ctrlCInTheTerminalLeavesTheWorkersToRlx() throws Exception {
    try (Gymnasium bridge = GymnasiumPython.bridge("CartPole-v1")) {
      VectorEnvironment env = (VectorEnvironment) bridge.open();
      Batch batch = Batch.of(1, 4);
      env.reset(0, batch);
      long pid = bridge.workerPids().get(0);
      new ProcessBuilder("kill", "-INT", Long.toString(pid)).start().waitFor(); // as a terminal's Ctrl-C reaches its group
      Thread.sleep(300);
      env.step(new int[] {0}, batch);
      assertThat(bridge.workerPids()).containsExactly(pid);
    }
  }

  @Test
  void noWorkerOutlivesATrialJvmKilledWithSigkill() throws Exception {
    String python = GymnasiumPython.python();
    Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), OrphanProbe.class.getName(), python,
        GymnasiumPython.testEnvironments().toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    long pid;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
      String line = out.readLine();
      assertThat(line).startsWith("worker ");
      pid = Long.parseLong(line.substring("worker ".length()));
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
      jvm.destroyForcibly(); // SIGKILL: no shutdown hook, no close()
      jvm.waitFor(10, TimeUnit.SECONDS);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("worker %d still alive", pid).isFalse();
  }

  private static Batch stepTenTimes(Gymnasium bridge) {
    VectorEnvironment env = (VectorEnvironment) bridge.open();
    Batch batch = Batch.of(1, env.observationSize());
    env.reset(0, batch);
    for (int t = 0; t < 10; t++) {
      env.step(new int[] {0}, batch);
    }
    return batch;
  }

  /** A stand-in trial JVM: opens a bridge, prints its worker's pid, and waits to be killed. */
  static final class OrphanProbe {
    public static void main(String[] args) throws Exception {
      Gymnasium bridge = new Gymnasium(new GymnasiumParams(args[0], args[1], 1, 0, true, 200, 60, 180, Map.of()),
          new EnvironmentName("gymnasium:rlx_test_envs:Faulty-v0"));
      VectorEnvironment env = (VectorEnvironment) bridge.open();
      env.reset(0, Batch.of(1, 2));
      List<Long> pids = bridge.workerPids();
      System.out.println("worker " + pids.get(0));
      System.out.flush();
      Thread.sleep(120_000);
    }
  }
}
