package dev.rlx.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks a spec tree against {@code schemas/experiment.schema.json} (JSON Schema 2020-12) and
 * turns each violation into a located {@link Problem} with expected/found and, for unknown
 * keys, the closest known key.
 */
public final class SchemaValidator {

  /** Classpath location of the schema (copied there from schemas/ by the build). */
  public static final String SCHEMA_RESOURCE = "/dev/rlx/core/spec/schemas/experiment.schema.json";

  private final JsonNode schemaTree;
  private final JsonSchema schema;

  public SchemaValidator() {
    try (InputStream in = SchemaValidator.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("schema missing from the classpath: " + SCHEMA_RESOURCE);
      }
      schemaTree = new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
        .pathType(PathType.JSON_POINTER)
        .locale(Locale.ROOT)
        .build();
    schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaTree, config);
  }

  /** The schema document, for callers that need its declared keys. */
  public JsonNode schemaTree() {
    return schemaTree;
  }

  public void validate(YamlDocument document, ProblemList problems) {
    Set<ValidationMessage> messages = schema.validate(document.root());
    for (ValidationMessage message : messages) {
      report(message, document, problems);
    }
  }

  private void report(ValidationMessage m, YamlDocument document, ProblemList problems) {
    SpecPath path = specPath(m.getInstanceLocation());
    JsonNode keywordOwner = schemaTree.at(pointer(m.getSchemaLocation().getFragment().getParent()));
    JsonNode found = m.getInstanceNode();
    SourceMap sources = document.sources();
    String what = describe(keywordOwner);
    switch (m.getType()) {
      case "additionalProperties" -> {
        String key = m.getProperty();
        SpecPath keyPath = path.key(key);
        List<String> known = fieldNames(keywordOwner.path("properties"));
        String hint = Suggestions.hint(key, known);
        if (hint == null && path.isRoot()) {
          hint = "keys starting with 'x-' are free for your own use, e.g. to hold YAML anchors";
        }
        problems.add(sources.keyAt(keyPath), keyPath, "unknown key '" + key + "'",
            known.isEmpty() ? "no keys here" : "one of " + String.join(", ", known), null, hint);
      }
      case "required" -> {
        String key = m.getProperty();
        JsonNode property = keywordOwner.path("properties").path(key);
        String expected = "key '" + key + "'" + (property.has("description") ? " (" + property.get("description").asText() + ")" : "");
        problems.add(sources.valueAt(path), path.key(key), "missing required key '" + key + "'", expected, "no such key", null);
      }
      case "type" -> problems.add(sources.valueAt(path), path, "wrong type",
          typeNames(keywordOwner.path("type")) + (what == null ? "" : " (" + what + ")"), found(found), null);
      case "enum" -> problems.add(sources.valueAt(path), path, "not an allowed value",
          "one of " + join(keywordOwner.path("enum")), found(found),
          found != null && found.isTextual() ? Suggestions.hint(found.asText(), texts(keywordOwner.path("enum"))) : null);
      case "const" -> problems.add(sources.valueAt(path), path, "not the allowed value",
          keywordOwner.path("const").toString(), found(found), null);
      case "minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum" -> problems.add(sources.valueAt(path), path,
          "out of range", bound(m.getType(), keywordOwner) + (what == null ? "" : " (" + what + ")"), found(found), null);
      case "pattern" -> problems.add(sources.valueAt(path), path, "not a valid value",
          what != null ? what : "text matching " + keywordOwner.path("pattern").asText(), found(found), null);
      case "minItems" -> problems.add(sources.valueAt(path), path, "too few items",
          "at least " + keywordOwner.path("minItems").asInt() + (what == null ? "" : " (" + what + ")"), count(found, "item"), null);
      case "maxItems" -> problems.add(sources.valueAt(path), path, "too many items",
          "at most " + keywordOwner.path("maxItems").asInt() + (what == null ? "" : " (" + what + ")"), count(found, "item"), null);
      case "minProperties", "maxProperties" -> problems.add(sources.valueAt(path), path, "wrong number of keys",
          what != null ? what : m.getType() + " " + keywordOwner.path(m.getType()).asInt(), count(found, "key"), null);
      case "uniqueItems" -> problems.add(sources.valueAt(path), path, "repeated items",
          "distinct values", found(found), null);
      case "minLength" -> problems.add(sources.valueAt(path), path, "too short",
          "at least " + keywordOwner.path("minLength").asInt() + " characters", found(found), null);
      case "propertyNames" -> {
        // Reported per key by the nested pattern message; the key itself is in the arguments.
        String key = m.getProperty() != null ? m.getProperty() : String.valueOf(m.getArguments()[0]);
        SpecPath keyPath = path.key(key);
        JsonNode names = keywordOwner.path("propertyNames");
        JsonNode target = names.has("$ref") ? schemaTree.at(names.get("$ref").asText().substring(1)) : names;
        problems.add(sources.keyAt(keyPath), keyPath, "not a valid key",
            describeOr(target, "a valid key"), "'" + key + "'", null);
      }
      default -> problems.add(sources.valueAt(path), path, stripPath(m.getMessage()), null, null, null);
    }
  }

  private static String describe(JsonNode schemaNode) {
    JsonNode description = schemaNode.get("description");
    return description == null ? null : description.asText();
  }

  private static String describeOr(JsonNode schemaNode, String fallback) {
    String d = describe(schemaNode);
    return d == null ? fallback : d;
  }

  private static String bound(String keyword, JsonNode owner) {
    String value = owner.path(keyword).asText();
    return switch (keyword) {
      case "minimum" -> "a value ≥ " + value;
      case "exclusiveMinimum" -> "a value > " + value;
      case "maximum" -> "a value ≤ " + value;
      default -> "a value < " + value;
    };
  }

  static String found(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    if (node.isTextual()) {
      return "\"" + node.asText() + "\" (a string)";
    }
    if (node.isObject()) {
      return "a mapping";
    }
    if (node.isArray()) {
      return "a list of " + node.size();
    }
    if (node.isNull()) {
      return "null (an empty value)";
    }
    if (node.isIntegralNumber()) {
      return node.asText() + " (an integer)";
    }
    if (node.isNumber()) {
      return node.asText() + " (a number)";
    }
    return node.asText() + " (a boolean)";
  }

  private static String count(JsonNode node, String noun) {
    if (node == null) {
      return "nothing";
    }
    int n = node.size();
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String typeNames(JsonNode type) {
    if (type.isArray()) {
      List<String> names = new ArrayList<>();
      type.forEach(t -> names.add(article(t.asText())));
      return String.join(" or ", names);
    }
    return article(type.asText());
  }

  private static String article(String type) {
    return switch (type) {
      case "object" -> "a mapping";
      case "array" -> "a list";
      case "integer" -> "an integer";
      default -> "a " + type;
    };
  }

  private static String join(JsonNode values) {
    List<String> out = new ArrayList<>();
    values.forEach(v -> out.add(v.asText()));
    return String.join(", ", out);
  }

  private static List<String> texts(JsonNode values) {
    List<String> out = new ArrayList<>();
    values.forEach(v -> out.add(v.asText()));
    return out;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  private static String stripPath(String message) {
    int colon = message.indexOf(": ");
    return colon >= 0 && message.startsWith("/") ? message.substring(colon + 2) : message;
  }

  private static SpecPath specPath(JsonNodePath path) {
    SpecPath out = SpecPath.ROOT;
    for (int i = 0; i < path.getNameCount(); i++) {
      Object element = path.getElement(i);
      out = element instanceof Integer index ? out.index(index) : out.key(String.valueOf(element));
    }
    return out;
  }

  private static String pointer(JsonNodePath path) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; path != null && i < path.getNameCount(); i++) {
      out.append('/').append(String.valueOf(path.getElement(i)).replace("~", "~0").replace("/", "~1"));
    }
    return out.toString();
  }
}
