package dev.rlx.core.mlflow;

import dev.rlx.core.mlflow.MlflowApi.KeyValue;
import dev.rlx.core.mlflow.MlflowApi.RunRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Params and tags to a run within MLflow's limits, its artifacts, and a run's end: shared by the parent, group and trial runs. */
final class RunWriter {

  private final MlflowApi api;
  private final SweepSync.Sent sent;

  RunWriter(MlflowApi api, SweepSync.Sent sent) {
    this.api = api;
    this.sent = sent;
  }

  /**
   * Sends params and tags to a run, in batches within MLflow's limits (a value beyond the
   * server's length limit cut, and cut to an older server's 500 characters if it refuses the
   * longer); false when MLflow rejected them (given to {@code rejected}, not retried).
   */
  boolean logParams(String runId, Map<String, String> flat, Map<String, String> tags, Consumer<MlflowException> rejected) {
    for (int limit : new int[] {RunParams.MAX_PARAM_VALUE_LENGTH, RunParams.LEGACY_PARAM_VALUE_LENGTH}) {
      List<KeyValue> params = new ArrayList<>();
      List<String> cut = new ArrayList<>();
      flat.forEach((k, v) -> {
        String value = RunParams.limitValue(v, limit);
        if (!value.equals(v)) {
          cut.add(k);
        }
        params.add(new KeyValue(RunParams.limitKey(k), value));
      });
      Map<String, String> allTags = new LinkedHashMap<>(tags);
      if (!cut.isEmpty()) {
        allTags.put("rlx.truncated_params", RunParams.limitTag(String.join(",", cut)));
      }
      try {
        List<KeyValue> tagList = tagList(allTags);
        for (int p = 0, g = 0; p < params.size() || g < tagList.size(); ) {
          // At most 100 of each, and well under the 1 MB a request may have.
          int bytes = 0;
          int p1 = p;
          while (p1 < params.size() && p1 - p < RunParams.MAX_PARAMS_PER_BATCH
              && (p1 == p || bytes + size(params.get(p1).key(), params.get(p1).value()) <= RunParams.MAX_BATCH_BYTES / 2)) {
            bytes += size(params.get(p1).key(), params.get(p1).value());
            p1++;
          }
          int g1 = g;
          while (g1 < tagList.size() && g1 - g < RunParams.MAX_TAGS_PER_BATCH
              && (g1 == g || bytes + size(tagList.get(g1).key(), tagList.get(g1).value()) <= RunParams.MAX_BATCH_BYTES)) {
            bytes += size(tagList.get(g1).key(), tagList.get(g1).value());
            g1++;
          }
          api.logBatch(runId, params.subList(p, p1), tagList.subList(g, g1));
          p = p1;
          g = g1;
        }
        sent.add(0, 0, params.size(), 0, 0);
        return true;
      } catch (MlflowException e) {
        if (e.retryable() || !e.errorCode().equals("INVALID_PARAMETER_VALUE") || limit == RunParams.LEGACY_PARAM_VALUE_LENGTH) {
          if (e.retryable()) {
            throw e;
          }
          rejected.accept(e);
          return false;
        }
        // An older server's 500-character limit: cut to that and send again.
      }
    }
    return false; // not reached: the legacy limit's attempt returns
  }

  private static int size(String key, String value) {
    return 64 + 2 * (key.length() + value.length()); // JSON overhead and escapes, generously
  }

  void logTags(String runId, Map<String, String> tags) {
    List<KeyValue> list = tagList(tags);
    for (int i = 0; i < list.size(); i += RunParams.MAX_TAGS_PER_BATCH) {
      api.logBatch(runId, List.of(), list.subList(i, Math.min(list.size(), i + RunParams.MAX_TAGS_PER_BATCH)));
    }
  }

  static List<KeyValue> tagList(Map<String, String> tags) {
    List<KeyValue> list = new ArrayList<>();
    tags.forEach((k, v) -> list.add(new KeyValue(RunParams.limitKey(k), RunParams.limitTag(v))));
    return list;
  }

  /**
   * Uploads {@code file} as the run's artifact {@code path}; where the server neither proxies
   * artifacts nor has a root on this machine, says so to {@code note} (the same words for every
   * run, so said once a sweep) and keeps the file in the store only.
   */
  void upload(RunRef run, String path, Path file, Consumer<String> note) {
    if (api.putArtifact(run.artifactUri(), path, file)) {
      sent.add(0, 0, 0, 1, 0);
    } else {
      String uri = run.artifactUri() == null ? "" : run.artifactUri();
      String scheme = uri.contains(":") ? uri.substring(0, uri.indexOf(':') + 1) : "/";
      note.accept("MLflow at " + api.target().display() + " neither proxies artifacts nor has an artifact root on this machine (the"
          + " runs' artifact URIs are " + scheme + "…), so the spec, report and configs stay in the store; start it with"
          + " `mlflow server` (artifact serving is on by default)");
    }
  }

  /** {@link #upload(RunRef, String, Path, Consumer)} of {@code text}, through a temporary file. */
  void upload(RunRef run, String path, String text, Consumer<String> note) {
    Path file;
    try {
      file = Files.createTempFile("rlx-mlflow-", "-" + Path.of(path).getFileName());
      Files.writeString(file, text == null ? "" : text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a temporary file for MLflow: " + e.getMessage(), e);
    }
    try {
      upload(run, path, file, note);
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a temporary file
      }
    }
  }

  /** Ends a run KILLED now, saying why in its rlx.status tag. */
  void kill(String runId, String why) {
    logTags(runId, Map.of("rlx.status", why));
    api.setTerminated(runId, "KILLED", System.currentTimeMillis());
  }

}
