package dev.rlx.sweeps;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The canonical text of a config tree, and trial ids hashed from it. Keys are sorted, and a
 * double is written as its exact binary value ({@code new BigDecimal(d)}), so the text, and the
 * id, depend only on the config — not on key order, on how a number was spelled in YAML, or on
 * the JDK's {@code Double.toString}.
 */
public final class CanonicalJson {

  /** Hex characters of SHA-256 kept in an id: 48 bits, collision-free at any sane sweep size. */
  public static final int ID_LENGTH = 12;

  private CanonicalJson() {}

  public static String write(JsonNode node) {
    StringBuilder out = new StringBuilder(256);
    write(node, out);
    return out.toString();
  }

  /** The trial id of a resolved config. */
  public static String id(JsonNode config) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha256.digest(write(config).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, ID_LENGTH);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static void write(JsonNode node, StringBuilder out) {
    switch (node.getNodeType()) {
      case OBJECT -> {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
          names.add(it.next());
        }
        names.sort(null);
        separated('{', names.size(), '}', out, i -> {
          string(names.get(i), out);
          out.append(':');
          write(node.get(names.get(i)), out);
        });
      }
      case ARRAY -> separated('[', node.size(), ']', out, i -> write(node.get(i), out));
      case NUMBER -> {
        if (node.isIntegralNumber()) {
          out.append(node.bigIntegerValue().toString());
        } else {
          out.append(new BigDecimal(node.doubleValue()).toPlainString());
        }
      }
      case STRING -> string(node.textValue(), out);
      case BOOLEAN -> out.append(node.booleanValue());
      case NULL, MISSING -> out.append("null");
      default -> throw new IllegalArgumentException("cannot canonicalise a " + node.getNodeType() + " node");
    }
  }

  /** {@code open}, the {@code count} elements separated by commas, then {@code close}. */
  private static void separated(char open, int count, char close, StringBuilder out, IntConsumer element) {
    out.append(open);
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        out.append(',');
      }
      element.accept(i);
    }
    out.append(close);
  }

  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
