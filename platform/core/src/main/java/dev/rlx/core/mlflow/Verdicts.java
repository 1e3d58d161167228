package dev.rlx.core.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The claims' verdicts of a report ({@code verdicts.json}, written with it) as tags of the
 * sweep's parent run: {@code rlx.claims} ("2 of 3 held") and {@code rlx.claim.N} per claim.
 */
final class Verdicts {

  static final String FILE = "verdicts.json";

  private Verdicts() {}

  /** The tags; none when the report has no verdicts file (or it cannot be read: the report itself still goes). */
  static Map<String, String> tags(Path reportDir) {
    Path file = reportDir.resolve(FILE);
    Map<String, String> tags = new LinkedHashMap<>();
    if (!Files.isRegularFile(file)) {
      return tags;
    }
    try {
      JsonNode checks = new ObjectMapper().readTree(file.toFile()).path("checks");
      int held = 0;
      for (JsonNode c : checks) {
        held += c.path("passed").asBoolean() ? 1 : 0;
        tags.put("rlx.claim." + c.path("index").asInt(), RunParams.limitTag((c.path("passed").asBoolean() ? "held: " : "failed: ")
            + c.path("claim").asText() + ": " + c.path("verdict").asText()));
      }
      if (checks.size() > 0) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("rlx.claims", held + " of " + checks.size() + " held");
        out.putAll(tags);
        return out;
      }
      return tags;
    } catch (IOException e) {
      return Map.of();
    }
  }
}
