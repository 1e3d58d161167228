package dev.rlx.sweeps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SweepExpanderTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final SweepExpander expander = new SweepExpander(TrialResolver.IDENTITY);

  static ObjectNode base() {
    try {
      return (ObjectNode) MAPPER.readTree(
          "{\"environment\":{\"id\":\"CartPole-v1\"},\"algorithm\":{\"id\":\"ppo\",\"params\":{\"gamma\":0.99}},"
              + "\"budget\":{\"env_steps\":1000}}");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Axis axis(String path, Object... values) {
    List<SweepValue> list = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      list.add(new SweepValue(node(values[i]), path + "[" + i + "]"));
    }
    return new Axis(path, path, list);
  }

  static JsonNode node(Object value) {
    return value instanceof String s ? TextNode.valueOf(s)
        : value instanceof Integer i ? IntNode.valueOf(i)
        : DoubleNode.valueOf((Double) value);
  }

  static List<Long> seeds(int n) {
    return LongStream.range(0, n).boxed().toList();
  }

  static SweepDefinition sweep(List<Axis> grid, List<Axis> zip, List<Variant> variants,
      Optional<RandomSearch> random, List<Long> seeds) {
    return new SweepDefinition(grid, zip, variants, random, seeds, "sweep");
  }

  static Variant variant(String name, String path, Object value) {
    return new Variant(name, name, List.of(new Variant.Override(path, name + "." + path, new SweepValue(node(value), name))));
  }

  private List<TrialSpec> trials(SweepDefinition sweep) {
    SweepExpander.Expansion expansion = expander.expand(base(), sweep);
    assertThat(expansion.problems()).isEmpty();
    return expansion.trials();
  }

  private static List<String> values(List<TrialSpec> trials, String path) {
    List<String> out = new ArrayList<>();
    for (TrialSpec t : trials) {
      JsonNode node = t.config();
      for (String part : path.split("\\.")) {
        node = node.path(part);
      }
      out.add(node.asText());
    }
    return out;
  }

  @Nested
  class Grid {
    @Test
    void isTheCartesianProductWithTheLastKeyFastest() {
      List<TrialSpec> trials = trials(sweep(
          List.of(axis("algorithm.params.lr", 0.1, 0.2), axis("algorithm.params.gae_lambda", 0.9, 0.95, 1.0)),
          List.of(), List.of(), Optional.empty(), seeds(1)));
      assertThat(trials).hasSize(6);
      assertThat(values(trials, "algorithm.params.lr")).containsExactly("0.1", "0.1", "0.1", "0.2", "0.2", "0.2");
      assertThat(values(trials, "algorithm.params.gae_lambda")).containsExactly("0.9", "0.95", "1.0", "0.9", "0.95", "1.0");
    }

    @Test
    void keepsTheBaseValuesItDoesNotSweep() {
      List<TrialSpec> trials = trials(sweep(List.of(axis("algorithm.params.lr", 0.1)), List.of(), List.of(), Optional.empty(), seeds(1)));
      assertThat(values(trials, "algorithm.params.gamma")).containsExactly("0.99");
      assertThat(values(trials, "environment.id")).containsExactly("CartPole-v1");
    }

    @Test
    void recordsWhereEachValueCameFrom() {
      List<TrialSpec> trials = trials(sweep(List.of(axis("algorithm.params.lr", 0.1, 0.2)), List.of(), List.of(), Optional.empty(), seeds(1)));
      assertThat(trials.get(1).assignments()).singleElement().satisfies(a -> {
        assertThat(a.operator()).isEqualTo(Assignment.Operator.GRID);
        assertThat(a.origin()).isEqualTo("algorithm.params.lr[1]");
      });
    }

    @Test
    void rejectsAnEmptyAxis() {
      SweepDefinition sweep = sweep(List.of(axis("algorithm.params.lr")), List.of(), List.of(), Optional.empty(), seeds(1));
      assertThat(SweepExpander.check(sweep)).singleElement().satisfies(p -> assertThat(p.message()).contains("needs values"));
    }
  }

  @Nested
  class Zip {
    @Test
    void pairsValuesByPosition() {
      List<TrialSpec> trials = trials(sweep(List.of(),
          List.of(axis("algorithm.params.lr", 0.1, 0.2, 0.3), axis("algorithm.params.clip_eps", 0.1, 0.2, 0.3)),
          List.of(), Optional.empty(), seeds(1)));
      assertThat(values(trials, "algorithm.params.lr")).containsExactly("0.1", "0.2", "0.3");
      assertThat(values(trials, "algorithm.params.clip_eps")).containsExactly("0.1", "0.2", "0.3");
    }

    @Test
    void rejectsListsOfUnequalLength() {
      SweepDefinition sweep = sweep(List.of(),
          List.of(axis("algorithm.params.lr", 0.1, 0.2, 0.3), axis("algorithm.params.clip_eps", 0.1, 0.2)),
          List.of(), Optional.empty(), seeds(1));
      SweepExpander.Expansion expansion = expander.expand(base(), sweep);
      assertThat(expansion.trials()).isEmpty();
      assertThat(expansion.problems()).singleElement().satisfies(p -> {
        assertThat(p.origin()).isEqualTo("algorithm.params.clip_eps");
        assertThat(p.expected()).contains("3 values");
        assertThat(p.found()).isEqualTo("2 values");
      });
    }
  }

  @Nested
  class Variants {
    @Test
    void applyTheirOverridesAndMayChangeTheAlgorithm() {
      List<TrialSpec> trials = trials(sweep(List.of(), List.of(),
          List.of(variant("dqn", "algorithm.id", "dqn"), variant("double", "algorithm.id", "double-dqn")),
          Optional.empty(), seeds(2)));
      assertThat(trials).extracting(TrialSpec::variant).containsExactly("dqn", "dqn", "double", "double");
      assertThat(values(trials, "algorithm.id")).containsExactly("dqn", "dqn", "double-dqn", "double-dqn");
    }

    @Test
    void mayEachSetTheSamePath() {
      SweepDefinition sweep = sweep(List.of(), List.of(),
          List.of(variant("a", "algorithm.params.lr", 0.1), variant("b", "algorithm.params.lr", 0.2)), Optional.empty(), seeds(1));
      assertThat(SweepExpander.check(sweep)).isEmpty();
    }

    @Test
    void thatChangeNothingAreDuplicateTrials() {
      SweepDefinition sweep = sweep(List.of(), List.of(),
          List.of(variant("a", "algorithm.params.gamma", 0.99), variant("b", "algorithm.params.gamma", 0.99)),
          Optional.empty(), seeds(1));
      SweepExpander.Expansion expansion = expander.expand(base(), sweep);
      assertThat(expansion.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("identical configuration"));
    }
  }

  @Nested
  class RandomSearches {
    private SweepDefinition randomSweep(long seed, int samples) {
      return sweep(List.of(), List.of(), List.of(), Optional.of(new RandomSearch(samples, seed, "random", List.of(
          new RandomSearch.Parameter("algorithm.params.lr", "lr", new Distribution.LogUniform(1e-5, 1e-2)),
          new RandomSearch.Parameter("algorithm.params.clip_eps", "clip", new Distribution.Uniform(0.1, 0.3)),
          new RandomSearch.Parameter("algorithm.params.num_envs", "envs", new Distribution.IntUniform(1, 8)),
          new RandomSearch.Parameter("algorithm.params.trace", "trace",
              new Distribution.Choice(List.of(TextNode.valueOf("accumulating"), TextNode.valueOf("replacing"))))))),
          seeds(1));
    }

    @Test
    void areReproducibleFromTheirSeed() {
      List<TrialSpec> first = trials(randomSweep(11, 50));
      List<TrialSpec> again = trials(randomSweep(11, 50));
      List<TrialSpec> other = trials(randomSweep(12, 50));
      assertThat(again).extracting(TrialSpec::id).isEqualTo(first.stream().map(TrialSpec::id).toList());
      assertThat(other).extracting(TrialSpec::id).isNotEqualTo(first.stream().map(TrialSpec::id).toList());
    }

    @Test
    void drawEveryValueFromItsDistribution() {
      List<TrialSpec> trials = trials(randomSweep(3, 500));
      for (TrialSpec t : trials) {
        JsonNode p = t.config().path("algorithm").path("params");
        assertThat(p.get("lr").asDouble()).isBetween(1e-5, 1e-2);
        assertThat(p.get("clip_eps").asDouble()).isBetween(0.1, 0.3);
        assertThat(p.get("num_envs").isIntegralNumber()).isTrue();
        assertThat(p.get("num_envs").asLong()).isBetween(1L, 8L);
        assertThat(p.get("trace").asText()).isIn("accumulating", "replacing");
      }
      // int_uniform includes both ends; log_uniform spreads over decades, not just the top one.
      assertThat(trials.stream().map(t -> t.config().path("algorithm").path("params").get("num_envs").asLong()).distinct())
          .contains(1L, 8L);
      assertThat(trials.stream().filter(t -> t.config().path("algorithm").path("params").get("lr").asDouble() < 1e-4)).isNotEmpty();
    }

    @Test
    void rejectBadBounds() {
      RandomSearch random = new RandomSearch(5, 0, "random", List.of(
          new RandomSearch.Parameter("a.b", "ab", new Distribution.LogUniform(0, 1)),
          new RandomSearch.Parameter("a.c", "ac", new Distribution.Uniform(2, 1)),
          new RandomSearch.Parameter("a.d", "ad", new Distribution.IntUniform(5, 4)),
          new RandomSearch.Parameter("a.e", "ae", new Distribution.Choice(List.of()))));
      assertThat(SweepExpander.check(sweep(List.of(), List.of(), List.of(), Optional.of(random), seeds(1))))
          .extracting(SweepProblem::origin).containsExactly("ab", "ac", "ad", "ae");
    }
  }

  @Nested
  class Seeds {
    @Test
    void aCountRunsSeedsZeroToNMinusOne() {
      assertThat(trials(sweep(List.of(), List.of(), List.of(), Optional.empty(), seeds(4))))
          .extracting(TrialSpec::seed).containsExactly(0L, 1L, 2L, 3L);
    }

    @Test
    void anExplicitListIsUsedAsWritten() {
      assertThat(trials(sweep(List.of(), List.of(), List.of(), Optional.empty(), List.of(7L, 3L))))
          .extracting(TrialSpec::seed).containsExactly(7L, 3L);
    }

    @Test
    void goIntoTheConfigAndSoIntoTheId() {
      List<TrialSpec> trials = trials(sweep(List.of(), List.of(), List.of(), Optional.empty(), seeds(2)));
      assertThat(trials.get(0).config().get("seed").asLong()).isZero();
      assertThat(trials.get(0).id()).isNotEqualTo(trials.get(1).id());
    }
  }

  @Nested
  class Combinations {
    private final SweepDefinition all = sweep(
        List.of(axis("algorithm.params.lr", 0.1, 0.2)),
        List.of(axis("algorithm.params.clip_eps", 0.1, 0.3), axis("algorithm.params.ent_coef", 0.0, 0.01)),
        List.of(variant("a", "algorithm.params.vf_coef", 0.5), variant("b", "algorithm.params.vf_coef", 1.0)),
        Optional.of(new RandomSearch(3, 0, "random", List.of(
            new RandomSearch.Parameter("algorithm.params.max_grad_norm", "mgn", new Distribution.Uniform(0.1, 1.0))))),
        seeds(2));

    @Test
    void multiplyInTheDocumentedOrder() {
      List<TrialSpec> trials = trials(all);
      assertThat(trials).hasSize(2 * 2 * 2 * 3 * 2);
      assertThat(all.trialCount()).isEqualTo(trials.size());
      // variants outermost, then grid, zip, random sample, and seeds innermost.
      assertThat(trials.subList(0, 24)).allMatch(t -> t.variant().equals("a"));
      assertThat(values(trials.subList(0, 12), "algorithm.params.lr")).containsOnly("0.1");
      assertThat(values(trials.subList(0, 6), "algorithm.params.clip_eps")).containsOnly("0.1");
      assertThat(values(trials.subList(0, 6), "algorithm.params.ent_coef")).containsOnly("0.0");
      List<String> samples = values(trials.subList(0, 6), "algorithm.params.max_grad_norm");
      assertThat(samples.get(0)).isEqualTo(samples.get(1)); // seeds vary fastest, within one sample
      assertThat(List.of(samples.get(0), samples.get(2), samples.get(4))).doesNotHaveDuplicates();
      assertThat(trials.subList(0, 4)).extracting(TrialSpec::seed).containsExactly(0L, 1L, 0L, 1L);
      assertThat(trials).extracting(TrialSpec::index).containsExactlyElementsOf(
          java.util.stream.IntStream.range(0, trials.size()).boxed().toList());
    }

    @Test
    void reuseTheSameRandomSamplesInEveryArm() {
      List<TrialSpec> trials = trials(all);
      List<String> firstArm = values(trials.subList(0, 6), "algorithm.params.max_grad_norm");
      List<String> lastArm = values(trials.subList(trials.size() - 6, trials.size()), "algorithm.params.max_grad_norm");
      assertThat(lastArm).isEqualTo(firstArm);
    }

    @Test
    void giveTheSameIdsInTheSameOrderEveryTime() {
      List<String> first = trials(all).stream().map(TrialSpec::id).toList();
      List<String> second = new SweepExpander(TrialResolver.IDENTITY).expand(base(), all).trials().stream().map(TrialSpec::id).toList();
      assertThat(second).isEqualTo(first).doesNotHaveDuplicates();
    }

    @Test
    void rejectAPathSweptByTwoOperators() {
      SweepDefinition sweep = sweep(List.of(axis("algorithm.params.lr", 0.1)), List.of(axis("algorithm.params.lr", 0.2)),
          List.of(), Optional.empty(), seeds(1));
      assertThat(SweepExpander.check(sweep)).singleElement().satisfies(p -> {
        assertThat(p.message()).contains("set by both grid and zip");
        assertThat(p.origin()).isEqualTo("algorithm.params.lr");
      });
    }

    @Test
    void rejectAPathInsideAnotherSweptPath() {
      SweepDefinition sweep = sweep(List.of(axis("algorithm.params", 0.1), axis("algorithm.params.lr", 0.2)), List.of(),
          List.of(), Optional.empty(), seeds(1));
      assertThat(SweepExpander.check(sweep)).singleElement().satisfies(p -> assertThat(p.message()).contains("as 'algorithm.params'"));
    }

    @Test
    void countWithoutExpandingAndSaturateInsteadOfOverflowing() {
      Object[] thousand = LongStream.range(0, 1000).mapToObj(i -> (Object) (double) i).toArray();
      SweepDefinition huge = sweep(
          Arrays.asList(axis("a.a", thousand), axis("a.b", thousand), axis("a.c", thousand), axis("a.d", thousand),
              axis("a.e", thousand), axis("a.f", thousand), axis("a.g", thousand)),
          List.of(), List.of(), Optional.empty(), seeds(1));
      assertThat(huge.trialCount()).isEqualTo(Long.MAX_VALUE);
    }
  }

  @Test
  void theResolverDecidesWhatTheIdHashes() {
    // A resolver that canonicalises numbers makes 1 and 1.0 the same trial.
    TrialResolver toDouble = (applied, assignments, problems) -> {
      ObjectNode params = (ObjectNode) applied.path("algorithm").path("params");
      params.put("gae_lambda", params.path("gae_lambda").asDouble());
      return applied;
    };
    SweepExpander canonical = new SweepExpander(toDouble);
    String asInt = canonical.expand(base(), sweep(List.of(axis("algorithm.params.gae_lambda", 1)), List.of(), List.of(), Optional.empty(), seeds(1)))
        .trials().get(0).id();
    String asDouble = canonical.expand(base(), sweep(List.of(axis("algorithm.params.gae_lambda", 1.0)), List.of(), List.of(), Optional.empty(), seeds(1)))
        .trials().get(0).id();
    assertThat(asInt).isEqualTo(asDouble);
  }

  @Test
  void problemsFromTheResolverStopExpansion() {
    TrialResolver rejectAll = (applied, assignments, problems) -> {
      problems.accept(new SweepProblem("here", "x", "bad", "good", "bad"));
      return null;
    };
    SweepExpander.Expansion expansion = new SweepExpander(rejectAll)
        .expand(base(), sweep(List.of(), List.of(), List.of(), Optional.empty(), seeds(3)));
    assertThat(expansion.ok()).isFalse();
    assertThat(expansion.trials()).isEmpty();
    assertThat(expansion.problems()).hasSize(3);
  }
}
