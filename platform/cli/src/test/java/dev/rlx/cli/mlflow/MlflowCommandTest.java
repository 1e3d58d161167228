package dev.rlx.cli.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rlx.cli.CliRun;
import dev.rlx.cli.InProcessCliTest;
import dev.rlx.cli.console.ExitCode;
import dev.rlx.testkit.mlflow.MlflowTestServer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** `rlx sweep --mlflow-uri`, `rlx mlflow sync` and `rlx mlflow url` in-process, against an in-process MLflow server. */
class MlflowCommandTest extends InProcessCliTest {

  private static final Pattern RUN_URL = Pattern.compile("http://\\S+/#/experiments/\\d+/runs/[0-9a-f]+");

  private static String url(String text) {
    Matcher m = RUN_URL.matcher(text);
    assertThat(m.find()).as(text).isTrue();
    return m.group();
  }

  @Test
  void aSweepEndsWithItsParentRunUrlAndMlflowUrlPrintsItAgain() throws Exception {
    try (MlflowTestServer server = MlflowTestServer.start()) {
      CliRun sweep = rlx("sweep", spec.toString(), "--mlflow-uri", server.uri());
      assertThat(sweep.exitCode()).as(sweep.err()).isZero();
      assertThat(sweep.out()).contains("mlflow: sweep 1 of walk is in MLflow: " + server.uri() + "/#/experiments/1/runs/");
      String url = url(sweep.out());
      assertThat(rlx("mlflow", "url", "1").out().strip()).isEqualTo(url);
      assertThat(rlx("mlflow", "url", "walk").out().strip()).isEqualTo(url);
      assertThat(server.runs()).as("the parent, 2 group runs, 4 trial runs").hasSize(7);
      assertThat(rlx("mlflow", "sync").out()).contains("every sweep mirrored to MLflow is fully there");
    }
  }

  @Test
  @Tag("slow")
  void mlflowDownWarnsOnceThenSyncSendsTheSweep() throws Exception {
    try (MlflowTestServer server = MlflowTestServer.create(MlflowTestServer.freePort(), 6000, true)) {
      CliRun sweep = rlx("sweep", spec.toString(), "--mlflow-uri", server.uri());
      assertThat(sweep.exitCode()).as(sweep.err()).isZero();
      assertThat(sweep.out()).contains("4 completed", "4 trials are not yet in MLflow", "rlx mlflow sync 1");
      assertThat(sweep.err().lines().filter(l -> l.startsWith("rlx: mlflow:"))).hasSize(1)
          .allSatisfy(l -> assertThat(l).contains("unreachable", "the sweep goes on"));
      assertThat(sweep.err()).doesNotContain("Exception", "\tat ");
      CliRun none = rlx("mlflow", "url", "1");
      assertThat(none.exitCode()).isEqualTo(ExitCode.RUNTIME_FAILURE.code());
      assertThat(none.err()).contains("no MLflow run yet", "rlx mlflow sync 1");

      server.up();
      CliRun sync = rlx("mlflow", "sync");
      assertThat(sync.exitCode()).as(sync.out() + sync.err()).isZero();
      assertThat(sync.out()).contains("sweep 1 of walk: sent 7 runs, 240 metric points", "is in MLflow");
      assertThat(server.runs()).as("the parent, 2 group runs, 4 trial runs").hasSize(7);
      assertThat(server.duplicatePoints()).isZero();
      assertThat(rlx("mlflow", "url", "1").exitCode()).isZero();
    }
  }

  @Test
  void credentialsAreSentButNeverPrinted() throws Exception {
    try (MlflowTestServer server = MlflowTestServer.start()) {
      server.requireAuthorization("Basic " + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8)));
      String withCredentials = server.uri().replace("http://", "http://alice:s3cret@");
      CliRun sweep = rlx("sweep", spec.toString(), "--mlflow-uri", withCredentials);
      assertThat(sweep.exitCode()).as(sweep.err()).isZero();
      assertThat(sweep.out()).contains("is in MLflow: " + server.uri());
      assertThat(sweep.out() + sweep.err()).doesNotContain("s3cret");
      assertThat(rlx("mlflow", "url", "1").out()).doesNotContain("s3cret").startsWith(server.uri());
      assertThat(server.runs()).as("the parent, 2 group runs, 4 trial runs").hasSize(7);
    }
  }

  @Test
  void aUriThatIsNoTrackingServerIsRefusedBeforeAnythingRuns() {
    CliRun run = rlx("sweep", spec.toString(), "--mlflow-uri", "file:///tmp/mlruns");
    assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(run.err()).contains("over http or https", "not 'file:'");
    // refused before anything ran: not even the store was made
    assertThat(rlx("status").err()).contains("no results store at");
  }

  @ParameterizedTest
  @ValueSource(strings = {"mlflow", "mlflow sync", "mlflow url"})
  void helpHasExamplesThatFitEightyColumns(String command) {
    CliRun run = CliRun.of((command + " --help").split(" "));
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Usage: rlx " + command, "Examples:");
    assertThat(run.out().lines()).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(80));
  }
}
