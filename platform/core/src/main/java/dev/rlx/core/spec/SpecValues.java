package dev.rlx.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one conversion between spec values as JSON and as plain Java (Long, Double, Boolean,
 * String), the types the API's parameter declarations check and bind. Parameter values are
 * scalars; a list or mapping converts to an empty one, which is enough for a check to say
 * what kind of value it found.
 */
public final class SpecValues {

  private SpecValues() {}

  /** The value as plain Java; an integer too large for a long becomes a double. */
  public static Object toJava(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? (Object) node.asLong() : (Object) node.asDouble();
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    if (node.isTextual()) {
      return node.asText();
    }
    return node.isArray() ? List.of() : Map.of();
  }

  /** Each field of a mapping as plain Java, in written order. */
  public static Map<String, Object> toJava(Iterator<Map.Entry<String, JsonNode>> fields) {
    Map<String, Object> values = new LinkedHashMap<>();
    fields.forEachRemaining(field -> values.put(field.getKey(), toJava(field.getValue())));
    return values;
  }

  /** A canonical parameter value (Long, Double, Boolean, else its text) as JSON. */
  public static JsonNode toJson(Object canonical) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (canonical instanceof Long l) {
      return f.numberNode(l);
    }
    if (canonical instanceof Double d) {
      return f.numberNode(d);
    }
    if (canonical instanceof Boolean b) {
      return f.booleanNode(b);
    }
    return f.textNode(String.valueOf(canonical));
  }
}
