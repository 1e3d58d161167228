package dev.rlx.environments.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Java side of the verifier's comparison: literals parsed as {@code ast.literal_eval} reads
 * them (checked against Python itself), the result encoding read back, and the matching rules
 * of the old in-sandbox comparison (exact types; an int for a float; Python's equality on keys).
 */
class PythonLiteralTest {

  static final List<String> LITERALS = List.of(
      "0", "-7", "+3", "12345678901234567890123456789", "0x_ff", "0o17", "0b1010", "1_000",
      "1.5", "-0.0", ".5", "5.", "1e3", "1E-3", "1e400", "-1e400", "2.5e-324",
      "'a'", "\"b\"", "'it''s'", "'tab\\there'", "'\\x41\\u00e9\\U0001F600'", "r'\\n'", "'''x\ny'''",
      "'a' 'b'", "b'\\x00\\xff'", "rb'\\d'", "B\"ab\"", "'\\101'", "'\\q'",
      "True", "False", "None", "()", "(1,)", "(1, 2)", "((1,),)", "[]", "[1, [2, (3,)]]", "[1, 2,]",
      "{}", "{1: 'a', 'b': [2]}", "{(1, 2): None}", "{1, 2}", "{'x'}", " ( 1 ,\n 2 ) ");

  /** Every literal read in Java equals what Python's ast.literal_eval makes of it, sent through the result encoding. */
  @Test
  void parsesLiteralsAsPythonDoes(@TempDir Path dir) throws Exception {
    Path script = dir.resolve("encode.py");
    Files.writeString(script, """
        import ast, base64, json, sys
        def enc(x):
            t = type(x)
            if x is None or t is bool or t is str: return x
            if t is int: return {"int": format(x, "x")}
            if t is float: return {"float": float.hex(x)}
            if t is bytes: return {"bytes": base64.b64encode(x).decode()}
            if t in (list, tuple, set): return {{list: "list", tuple: "tuple", set: "set"}[t]: [enc(i) for i in x]}
            if t is dict: return {"dict": [[enc(k), enc(v)] for k, v in x.items()]}
        print(json.dumps([enc(ast.literal_eval(l)) for l in json.load(sys.stdin)]))
        """);
    Process python = new ProcessBuilder(SandboxTools.findPython().orElseThrow().toString(), script.toString()).start();
    ObjectMapper json = new ObjectMapper();
    python.getOutputStream().write(json.writeValueAsBytes(LITERALS));
    python.getOutputStream().close();
    String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(python.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(python.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(python.exitValue()).as(err).isZero();
    JsonNode encoded = json.readTree(out);
    for (int i = 0; i < LITERALS.size(); i++) {
      PythonValue fromPython = PythonValue.fromChannel(encoded.get(i));
      PythonValue fromJava = PythonLiteral.parse(LITERALS.get(i));
      assertThat(PythonValue.matches(fromPython, fromJava)).as(LITERALS.get(i) + ": Python " + PythonValue.repr(fromPython)
          + ", Java " + PythonValue.repr(fromJava)).isTrue();
    }
  }

  @ParameterizedTest(name = "{0} for expected {1}: {2}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "3          | 3          | true",
      "3          | 3.0        | true",
      "3.0        | 3          | false",
      "True       | 1          | false",
      "1          | True       | false",
      "True       | 1.0        | false",
      "(1,)       | [1]        | false",
      "[1, 2]     | [1, 2]     | true",
      "[1, 2]     | [2, 1]     | false",
      "{1, 2}     | {2, 1}     | true",
      "{1: 'a'}   | {1.0: 'a'} | true",
      "{1: 'a'}   | {2: 'a'}   | false",
      "{1: 2}     | {1: 2.0}   | true",
      "{1: 2.0}   | {1: 2}     | false",
      "b'a'       | 'a'        | false",
      "'a'        | b'a'       | false",
      "1e400      | 1e400      | true",
      "9007199254740993 | 9007199254740992.0 | false",
      "9007199254740992 | 9007199254740992.0 | true",
      "None       | None       | true",
      "None       | 0          | false"})
  void matchesByExactTypeAndValue(String result, String expected, boolean matches) {
    assertThat(PythonValue.matches(PythonLiteral.parse(result), PythonLiteral.parse(expected))).isEqualTo(matches);
  }

  @ParameterizedTest
  @ValueSource(strings = {"f(x)", "(1,", "'abc", "1j", "007", "{1: }", "[1 2]", "x", "1 +", "--", "b'é'", "'a' b'b'"})
  void refusesWhatLiteralEvalRefusesWithTheColumn(String literal) {
    assertThatThrownBy(() -> PythonLiteral.parse(literal))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a Python literal at column");
  }

  @Test
  void testArgumentsMustBeATuple() {
    assertThatThrownBy(() -> new CodeVerifier.TestCase("3", "7"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("test arguments must be a tuple literal");
    assertThatThrownBy(() -> new CodeVerifier.TestCase("(3,)", "f(x)"))
        .hasMessageContaining("not a Python literal at column 1 of 'f(x)'");
  }

  @Test
  void anUnknownOrMalformedEncodingIsRefused() throws Exception {
    ObjectMapper json = new ObjectMapper();
    for (String bad : List.of("{\"int\": \"zz\"}", "{\"float\": \"1.5\"}", "{\"tuple\": 3}", "{\"code\": \"x\"}",
        "[1]", "3", "{\"int\": \"1\", \"float\": \"0x1p+0\"}", "{\"dict\": [[1]]}")) {
      assertThatThrownBy(() -> PythonValue.fromChannel(json.readTree(bad))).as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void refusesToRunUntrustedCodeInAWeakSandboxUnlessAskedTo() {
    List<String> why = List.of("rlx is not running as root, so a run cannot have a uid of its own");
    assertThatThrownBy(() -> CodeVerifier.refuseWeakIsolation(why, false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not running as root")
        .hasMessageContaining("weak_sandbox: true");
    CodeVerifier.refuseWeakIsolation(why, true);
    CodeVerifier.refuseWeakIsolation(List.of(), false);
  }
}
