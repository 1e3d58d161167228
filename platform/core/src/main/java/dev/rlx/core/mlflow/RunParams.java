package dev.rlx.core.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rlx.core.mlflow.MlflowLedger.SweepRow;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trial's resolved config as MLflow params, within MLflow's limits: keys are dotted paths
 * ({@code algorithm.params.gae_lambda}), lists are their JSON text, and a value beyond the
 * server's length limit is cut with a marker (the full value is in the run's
 * {@code config.json}) rather than failing the run.
 */
final class RunParams {

  /** MLflow's limits (REST API docs, "Request Limits" of log-batch; mlflow/utils/validation.py). */
  static final int MAX_METRICS_PER_BATCH = 1000;
  static final int MAX_PARAMS_PER_BATCH = 100;
  static final int MAX_TAGS_PER_BATCH = 100;
  static final int MAX_ENTITIES_PER_BATCH = 1000;
  /** "A single JSON-serialized API request may be up to 1 MB"; rlx stays well below. */
  static final int MAX_BATCH_BYTES = 800_000;
  static final int MAX_PARAM_VALUE_LENGTH = 6000;
  /** Servers before MLflow 2.0 (and some proxies in front of newer ones) allow 500. */
  static final int LEGACY_PARAM_VALUE_LENGTH = 500;
  static final int MAX_PARAM_KEY_LENGTH = 250;
  static final int MAX_TAG_VALUE_LENGTH = 5000;

  static final String TRUNCATED = "…[truncated; full value in config.json]";

  private RunParams() {}

  /** The flattened config: dotted key → value text, in the config's order. */
  static Map<String, String> flatten(JsonNode config) {
    Map<String, String> out = new LinkedHashMap<>();
    flatten("", config, out);
    return out;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
    if (node.isObject() && node.size() > 0) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
      }
    } else if (!prefix.isEmpty()) {
      out.put(prefix, node.isValueNode() ? node.asText() : node.toString());
    }
  }

  /** {@code value} cut to {@code max} characters, marker included, when longer. */
  static String limitValue(String value, int max) {
    return value.length() <= max ? value : value.substring(0, max - TRUNCATED.length()) + TRUNCATED;
  }

  /** A key MLflow accepts: at most 250 characters (a long one keeps its start and a hash of the rest). */
  static String limitKey(String key) {
    if (key.length() <= MAX_PARAM_KEY_LENGTH) {
      return key;
    }
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return key.substring(0, MAX_PARAM_KEY_LENGTH - 9) + "~" + HexFormat.of().formatHex(hash, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A tag value within MLflow's limit. */
  static String limitTag(String value) {
    return value == null ? "" : value.length() <= MAX_TAG_VALUE_LENGTH ? value
        : value.substring(0, MAX_TAG_VALUE_LENGTH - 1) + "…";
  }

  /**
   * The run name: what varies in this trial, e.g. {@code gae_lambda=0.95 seed=3} (the last
   * segment of each swept path), after the variant's name when there is one.
   */
  static String runName(String variant, JsonNode swept, long seed) {
    StringBuilder name = new StringBuilder(variant == null ? "" : variant);
    for (Iterator<Map.Entry<String, JsonNode>> it = swept.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey().substring(e.getKey().lastIndexOf('.') + 1);
      if (name.length() > 0) {
        name.append(' ');
      }
      name.append(key).append('=').append(e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
    }
    return name.append(name.length() > 0 ? " " : "").append("seed=").append(seed).toString();
  }

  /**
   * What the UI shows as a run's source and user (every run: the table's Source and User columns
   * read them per run): the spec file, the git commit, and who runs rlx.
   */
  static Map<String, String> sourceTags(SweepRow sweep) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("mlflow.source.name", sweep.specFile() == null ? "" : sweep.specFile());
    tags.put("mlflow.source.type", "LOCAL");
    if (sweep.gitCommit() != null) {
      tags.put("mlflow.source.git.commit", sweep.gitCommit());
    }
    tags.put("mlflow.user", System.getProperty("user.name", ""));
    return tags;
  }

  static Map<String, String> withSource(SweepRow sweep, Map<String, String> extra) {
    Map<String, String> tags = sourceTags(sweep);
    tags.putAll(extra);
    return tags;
  }
}
