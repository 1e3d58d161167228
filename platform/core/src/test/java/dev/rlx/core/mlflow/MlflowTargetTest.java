package dev.rlx.core.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MlflowTargetTest {

  @Test
  void readsCredentialsFromTheStandardVariablesAndNeverShowsThem() {
    MlflowTarget t = MlflowTarget.of("http://127.0.0.1:5000/", Map.of(MlflowTarget.USERNAME_ENV, "alice", MlflowTarget.PASSWORD_ENV, "s3cret"));
    assertThat(t.display()).isEqualTo("http://127.0.0.1:5000");
    assertThat(t.authorization()).contains("Basic YWxpY2U6czNjcmV0");
    assertThat(t.hostCreds().getUsername()).isEqualTo("alice");
    assertThat(t.toString()).doesNotContain("s3cret");
  }

  @Test
  void takesATokenOrUserInfoAndStripsItFromTheUri() {
    assertThat(MlflowTarget.of("https://mlflow.example.org", Map.of(MlflowTarget.TOKEN_ENV, "tok")).authorization()).contains("Bearer tok");
    MlflowTarget inline = MlflowTarget.of("http://bob:pa%3Ass@host:5000/mlflow", Map.of());
    assertThat(inline.display()).isEqualTo("http://host:5000/mlflow");
    assertThat(inline.hostCreds().getPassword()).isEqualTo("pa:ss");
    assertThat(MlflowTarget.mask("http://bob:pa@host:5000")).isEqualTo("http://***@host:5000");
  }

  @Test
  void optionBeatsEnvironmentBeatsRecorded() {
    Map<String, String> env = Map.of(MlflowTarget.URI_ENV, "http://env:5000");
    assertThat(MlflowTarget.resolve(Optional.of("http://opt:5000"), env, Optional.of("http://rec:5000")).orElseThrow().display())
        .isEqualTo("http://opt:5000");
    assertThat(MlflowTarget.resolve(Optional.empty(), env, Optional.of("http://rec:5000")).orElseThrow().display())
        .isEqualTo("http://env:5000");
    assertThat(MlflowTarget.resolve(Optional.empty(), Map.of(), Optional.of("http://rec:5000")).orElseThrow().display())
        .isEqualTo("http://rec:5000");
    assertThat(MlflowTarget.resolve(Optional.empty(), Map.of(), Optional.empty())).isEmpty();
  }

  @Test
  void refusesWhatIsNoTrackingServerSayingWhy() {
    assertThatThrownBy(() -> MlflowTarget.of("file:///tmp/mlruns", Map.of())).hasMessageContaining("not 'file:'");
    assertThatThrownBy(() -> MlflowTarget.of("databricks", Map.of())).hasMessageContaining("http or https");
    assertThatThrownBy(() -> MlflowTarget.of("http://", Map.of())).hasMessageContaining("http://");
    assertThatThrownBy(() -> MlflowTarget.of("http://u:secret@:x", Map.of())).hasMessageNotContaining("secret");
  }

  @Test
  void findsTheArtifactProxyPathOfARun() {
    assertThat(MlflowApi.proxyPath("mlflow-artifacts:/1/abc/artifacts")).contains("1/abc/artifacts");
    assertThat(MlflowApi.proxyPath("mlflow-artifacts://host:5000/1/abc/artifacts")).contains("1/abc/artifacts");
    assertThat(MlflowApi.proxyPath("s3://bucket/1/abc/artifacts")).isEmpty();
    assertThat(MlflowApi.proxyPath("/tmp/mlruns/1/abc/artifacts")).isEmpty();
  }

  @Test
  void namesARunAfterWhatVaries() throws Exception {
    var swept = new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"algorithm.params.gae_lambda\": 0.95}");
    assertThat(RunParams.runName("", swept, 3)).isEqualTo("gae_lambda=0.95 seed=3");
    assertThat(RunParams.runName("fast", swept, 0)).isEqualTo("fast gae_lambda=0.95 seed=0");
    assertThat(RunParams.limitKey("k".repeat(300))).hasSize(250);
  }
}
