package dev.rlx.environments.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rlx.environments.text.CodeVerifier.Outcome;
import dev.rlx.environments.text.CodeVerifier.TestCase;
import dev.rlx.environments.text.CodeVerifier.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What goes to the sandbox's runner (sandbox_runner.py) and what comes back: the request — the
 * program, its entry and the test arguments, never the expected values — and the result channel,
 * judged here on the Java side, where the expected values stay (references.md §7.7).
 */
final class RunnerProtocol {

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private RunnerProtocol() {}

  /**
   * Reads the result channel strictly — frames "<length>\n<JSON object>", one per call, then
   * one that ends the run — and compares each reported value with the expected one. Anything
   * malformed, out of order, or missing fails the run: a program can only get here by
   * reporting values, and only right values pass.
   */
  static Verdict judge(byte[] channel, String entry, List<TestCase> tests, long millis, String tail) {
    int total = tests.size();
    int passed = 0;
    String firstFailure = null;
    int calls = 0;
    int at = 0;
    while (true) {
      if (at == channel.length) {
        return new Verdict(Outcome.ERROR, 0, total, "exited without a result" + tail, millis);
      }
      int newline = -1;
      for (int i = at; i < Math.min(channel.length, at + 9); i++) {
        if (channel[i] == '\n') {
          newline = i;
          break;
        }
      }
      String length = newline > at ? new String(channel, at, newline - at, StandardCharsets.US_ASCII) : "";
      if (!length.matches("[1-9]\\d{0,7}") || newline + 1 + Integer.parseInt(length) > channel.length) {
        return malformed("a frame without a valid length", total, millis);
      }
      int end = newline + 1 + Integer.parseInt(length);
      JsonNode frame;
      try {
        frame = JSON.readTree(new String(channel, newline + 1, end - newline - 1, StandardCharsets.US_ASCII));
      } catch (IOException e) {
        return malformed("a frame that is not JSON", total, millis);
      }
      at = end;
      if (frame == null || !frame.isObject() || frame.size() != 1) {
        return malformed("a frame that is not an object of one field", total, millis);
      }
      String kind = frame.fieldNames().next();
      JsonNode body = frame.get(kind);
      boolean last = at == channel.length;
      switch (kind) {
        case "value", "raised" -> {
          if (calls == total || last) {
            return malformed("more results than tests, or none after the last", total, millis);
          }
          TestCase test = tests.get(calls++);
          String call = entry + test.arguments();
          if (kind.equals("raised")) {
            firstFailure = firstFailure != null ? firstFailure : call + " raised " + body.asText();
            continue;
          }
          PythonValue result;
          try {
            result = PythonValue.fromChannel(body);
          } catch (IllegalArgumentException e) {
            return malformed(e.getMessage(), total, millis);
          }
          if (PythonValue.matches(result, PythonLiteral.parse(test.expected()))) {
            passed++;
          } else if (firstFailure == null) {
            firstFailure = call + " returned " + abbreviate(PythonValue.repr(result)) + ", expected " + test.expected();
          }
        }
        case "end" -> {
          if (!last || body.asInt(-1) != total || calls != total) {
            return malformed("an end frame before the end, or after " + calls + " of " + total + " results", total,
                millis);
          }
          return passed == total ? new Verdict(Outcome.PASSED, passed, total, "all tests passed", millis)
              : new Verdict(Outcome.WRONG_ANSWER, passed, total, firstFailure, millis);
        }
        case "error", "memory", "forbidden" -> {
          if (!last) {
            return malformed("frames after the run stopped", total, millis);
          }
          Outcome outcome = kind.equals("error") ? Outcome.ERROR
              : kind.equals("memory") ? Outcome.MEMORY_LIMIT : Outcome.FORBIDDEN;
          return new Verdict(outcome, passed, total, abbreviate(body.asText()), millis);
        }
        default -> {
          return malformed("a frame of unknown kind '" + abbreviate(kind) + "'", total, millis);
        }
      }
    }
  }

  private static Verdict malformed(String what, int total, long millis) {
    return new Verdict(Outcome.ERROR, 0, total, "malformed result channel: " + what, millis);
  }

  private static String abbreviate(String s) {
    String one = s.replaceAll("\\s+", " ");
    return one.length() > 300 ? one.substring(0, 300) + "…" : one;
  }

  /** The runner's request, one JSON object on its standard input. */
  static String request(String program, String entry, List<TestCase> tests, boolean audit) {
    StringBuilder json = new StringBuilder("{\"audit\":").append(audit)
        .append(",\"entry\":").append(quote(entry))
        .append(",\"program\":").append(quote(program))
        .append(",\"arguments\":[");
    for (int i = 0; i < tests.size(); i++) {
      json.append(i == 0 ? "" : ",").append(quote(tests.get(i).arguments()));
    }
    return json.append("]}").toString();
  }

  private static String quote(String s) {
    StringBuilder q = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        q.append('\\').append(c);
      } else if (c < 0x20 || (c >= 0xD800 && c <= 0xDFFF)) {
        q.append(String.format("\\u%04x", (int) c));
      } else {
        q.append(c);
      }
    }
    return q.append('"').toString();
  }
}
