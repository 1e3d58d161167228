package dev.rlx.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class YamlDocumentReaderTest {

  private final YamlDocumentReader reader = new YamlDocumentReader();

  private Optional<YamlDocument> parse(String yaml, ProblemList problems) {
    return reader.parse(yaml.getBytes(StandardCharsets.UTF_8), "spec.yaml", problems);
  }

  /** The one problem that refusing {@code yaml} reports. */
  private Problem onlyProblem(String yaml) {
    ProblemList problems = new ProblemList("spec.yaml");
    assertThat(parse(yaml, problems)).isEmpty();
    assertThat(problems.sorted()).hasSize(1);
    return problems.sorted().get(0);
  }

  private static SpecPath path(Object... segments) {
    return new SpecPath(java.util.List.of(segments));
  }

  @Nested
  class Positions {
    private final String yaml = String.join("\n",
        "name: demo",
        "algorithm:",
        "  id: ppo",
        "  params: {gamma: 0.99, lr: 3.0e-4}",
        "sweep:",
        "  grid:",
        "    algorithm.params.gae_lambda:",
        "      - 0.9",
        "      - 0.95",
        "");

    @Test
    void areKeptForKeysAndValues() {
      ProblemList problems = new ProblemList("spec.yaml");
      YamlDocument doc = parse(yaml, problems).orElseThrow();
      assertThat(problems.isEmpty()).isTrue();
      SourceMap sources = doc.sources();
      assertThat(sources.keyAt(path("algorithm", "id"))).isEqualTo(new SourcePosition(3, 3));
      assertThat(sources.valueAt(path("algorithm", "id"))).isEqualTo(new SourcePosition(3, 7));
      assertThat(sources.valueAt(path("algorithm", "params", "lr"))).isEqualTo(new SourcePosition(4, 29));
      assertThat(sources.keyAt(path("sweep", "grid", "algorithm.params.gae_lambda"))).isEqualTo(new SourcePosition(7, 5));
      assertThat(sources.valueAt(path("sweep", "grid", "algorithm.params.gae_lambda", 1))).isEqualTo(new SourcePosition(9, 9));
    }

    @Test
    void fallBackToTheNearestAncestorForMissingPaths() {
      YamlDocument doc = parse(yaml, new ProblemList("spec.yaml")).orElseThrow();
      assertThat(doc.sources().valueAt(path("algorithm", "params", "missing"))).isEqualTo(new SourcePosition(4, 11));
    }

    @Test
    void typeScalarsAsYamlDoes() {
      YamlDocument doc = parse("a: 3\nb: 3.0e-4\nc: true\nd: null\ne: text\nf: 1e3\n", new ProblemList("s")).orElseThrow();
      assertThat(doc.root().get("a").isIntegralNumber()).isTrue();
      assertThat(doc.root().get("b").asDouble()).isEqualTo(3.0e-4);
      assertThat(doc.root().get("c").isBoolean()).isTrue();
      assertThat(doc.root().get("d").isNull()).isTrue();
      assertThat(doc.root().get("e").isTextual()).isTrue();
      assertThat(doc.root().get("f").asDouble()).isEqualTo(1000.0);
    }
  }

  @Nested
  class Rejects {
    @Test
    void duplicateKeysPointingAtTheSecond() {
      ProblemList problems = new ProblemList("spec.yaml");
      parse("a: 1\nb:\n  c: 1\n  c: 2\n", problems);
      assertThat(problems.sorted()).singleElement().satisfies(p -> {
        assertThat(p.position()).isEqualTo(new SourcePosition(4, 3));
        assertThat(p.path()).isEqualTo("b.c");
        assertThat(p.found()).contains("first at line 3");
      });
    }

    @Test
    @Timeout(5)
    void aliasBombsWithoutExpandingThem() {
      StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
      for (int i = 1; i <= 12; i++) {
        yaml.append("a").append(i).append(": &a").append(i).append(" [");
        for (int j = 0; j < 10; j++) {
          yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
        }
        yaml.append("]\n");
      }
      ProblemList problems = new ProblemList("spec.yaml");
      assertThat(parse(yaml.toString(), problems)).isEmpty();
      assertThat(problems.sorted()).singleElement().satisfies(p -> assertThat(p.message()).contains("alias bomb"));
    }

    @Test
    void moreThanOneDocument() {
      assertThat(onlyProblem("a: 1\n---\nb: 2\n")).satisfies(p -> {
        assertThat(p.message()).contains("more than one YAML document");
        assertThat(p.position().line()).isEqualTo(3);
      });
    }

    @Test
    void invalidUtf8PointingAtTheByte() {
      ProblemList problems = new ProblemList("spec.yaml");
      byte[] bytes = "a: 1\nb: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
      assertThat(reader.parse(bytes, "spec.yaml", problems)).isEmpty();
      assertThat(problems.sorted()).singleElement().satisfies(p -> {
        assertThat(p.position()).isEqualTo(new SourcePosition(2, 7));
        assertThat(p.found()).isEqualTo("byte 0xE9 at offset 11");
      });
    }

    @Test
    void filesOverTheSizeLimit(@TempDir Path dir) throws Exception {
      Path big = dir.resolve("big.yaml");
      Files.writeString(big, "# " + "x".repeat(YamlDocumentReader.MAX_BYTES) + "\n");
      ProblemList problems = new ProblemList("big.yaml");
      assertThat(reader.read(big, "big.yaml", problems)).isEmpty();
      assertThat(problems.sorted()).singleElement().satisfies(p -> assertThat(p.message()).contains("too large"));
    }

    @Test
    void nestingTooDeep() {
      ProblemList problems = new ProblemList("spec.yaml");
      assertThat(parse("a: " + "[".repeat(100) + "]".repeat(100) + "\n", problems)).isEmpty();
      assertThat(problems.isEmpty()).isFalse();
    }

    @Test
    void syntaxErrorsAtTheirPosition() {
      assertThat(onlyProblem("a: {b: 1\nc: 2\n")).satisfies(p -> {
        assertThat(p.message()).startsWith("invalid YAML: expected ',' or '}'");
        assertThat(p.position().line()).isEqualTo(2);
      });
    }

    @Test
    void aMissingFile(@TempDir Path dir) {
      ProblemList problems = new ProblemList("nope.yaml");
      assertThat(reader.read(dir.resolve("nope.yaml"), "nope.yaml", problems)).isEmpty();
      assertThat(problems.sorted()).singleElement().satisfies(p -> assertThat(p.message()).isEqualTo("no such file"));
    }
  }

  @Nested
  class Accepts {
    @Test
    void aliasesOfMappingsAndMergeKeysWithExplicitKeysWinning() {
      ProblemList problems = new ProblemList("spec.yaml");
      YamlDocument doc = parse(String.join("\n",
          "x-defaults: &defaults {gamma: 0.99, lr: 0.001}",
          "a:",
          "  <<: *defaults",
          "  lr: 0.01",
          "b: *defaults",
          ""), problems).orElseThrow();
      assertThat(problems.isEmpty()).isTrue();
      assertThat(doc.root().get("a").get("gamma").asDouble()).isEqualTo(0.99);
      assertThat(doc.root().get("a").get("lr").asDouble()).isEqualTo(0.01);
      assertThat(doc.root().get("b").get("lr").asDouble()).isEqualTo(0.001);
      assertThat(doc.root().get("a").has("<<")).isFalse();
      assertThat(doc.sources().valueAt(path("a", "gamma"))).isEqualTo(new SourcePosition(3, 7));
    }

    @Test
    void aUtf8ByteOrderMark() {
      ProblemList problems = new ProblemList("spec.yaml");
      byte[] yaml = "\uFEFFname: demo\n".getBytes(StandardCharsets.UTF_8);
      assertThat(reader.parse(yaml, "spec.yaml", problems)).hasValueSatisfying(
          d -> assertThat(d.root().get("name").asText()).isEqualTo("demo"));
    }
  }
}
