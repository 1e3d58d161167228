package dev.rlx.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParameterSpaceTest {

  enum Trace { ACCUMULATING, REPLACING }

  record Example(
      @Param(doc = "discount", defaultValue = "0.99", min = 0, max = 1, maxExclusive = true) double gamma,
      @Param(doc = "group size K", defaultValue = "8", min = 2) int groupSize,
      @Param(doc = "normalise", defaultValue = "true") boolean normAdv,
      @Param(doc = "trace kind", defaultValue = "replacing") Trace trace,
      @Param(doc = "optimiser", defaultValue = "adam", allowed = {"adam", "sgd"}) String optimizer,
      @Param(doc = "clip", defaultValue = "0.2", min = 0, minExclusive = true) double clipEps) {}

  private final ParameterSpace space = ParameterSpace.of(Example.class);

  @Test
  void namesParametersInSnakeCaseInDeclarationOrder() {
    assertThat(space.names()).containsExactly("gamma", "group_size", "norm_adv", "trace", "optimizer", "clip_eps");
  }

  @Test
  void parsesDefaultsToTheirTypes() {
    assertThat(space.defaults()).containsExactly(
        Map.entry("gamma", 0.99), Map.entry("group_size", 8L), Map.entry("norm_adv", true),
        Map.entry("trace", "replacing"), Map.entry("optimizer", "adam"), Map.entry("clip_eps", 0.2));
  }

  @Test
  void anotherRecipeChangesDefaultsAndKeepsTheChecks() {
    ParameterSpace recipe = space.withDefaults(Map.of("clip_eps", 0.28, "trace", "accumulating", "group_size", 16));
    assertThat(recipe.defaults()).containsEntry("clip_eps", 0.28).containsEntry("trace", "accumulating")
        .containsEntry("group_size", 16L).containsEntry("gamma", 0.99);
    assertThat(recipe.bind(Example.class, Map.of()).clipEps()).isEqualTo(0.28);
    assertThat(recipe.bind(Example.class, Map.of("clip_eps", 0.1)).clipEps()).isEqualTo(0.1);
    assertThat(space.defaults()).containsEntry("clip_eps", 0.2); // the original is unchanged
    assertThatThrownBy(() -> space.withDefaults(Map.of("clip", 0.3))).hasMessageContaining("no parameter 'clip'");
    assertThatThrownBy(() -> space.withDefaults(Map.of("group_size", 1))).hasMessageContaining("group_size");
  }

  @Test
  void describesRangesAsUsersWriteThem() {
    assertThat(space.get("gamma").orElseThrow().rangeText()).isEqualTo("in [0, 1)");
    assertThat(space.get("group_size").orElseThrow().rangeText()).isEqualTo("≥ 2");
    assertThat(space.get("clip_eps").orElseThrow().rangeText()).isEqualTo("> 0");
    assertThat(space.get("trace").orElseThrow().rangeText()).isEqualTo("one of accumulating, replacing");
  }

  record Walls(
      @Param(doc = "walls", defaultValue = "", pattern = "\\s*(\\d+,\\d+(\\s+\\d+,\\d+)*)?\\s*",
          patternDoc = "row,col pairs separated by spaces") String walls,
      @Param(doc = "note", defaultValue = " any text ") String note) {}

  @Test
  void freeTextMustMatchItsPatternAndSaysWhatItAccepts() {
    ParameterSpace walls = ParameterSpace.of(Walls.class);
    ParameterSpec spec = walls.get("walls").orElseThrow();
    assertThat(spec.type()).isEqualTo(ParameterType.TEXT);
    assertThat(spec.check("1,1 2,3")).isEmpty();
    assertThat(spec.check("")).isEmpty();
    assertThat(spec.check("1;1").orElseThrow().expected()).isEqualTo("text of row,col pairs separated by spaces");
    assertThat(spec.check(3L)).isPresent();
    assertThat(walls.get("note").orElseThrow().rangeText()).isEqualTo("(any text)");
    assertThat(walls.defaults()).containsEntry("note", " any text ");
    record BadDefault(@Param(doc = "d", defaultValue = "x", pattern = "\\d+") String digits) {}
    assertThatThrownBy(() -> ParameterSpace.of(BadDefault.class)).hasMessageContaining("does not match");
  }

  @Nested
  class Checks {
    @ParameterizedTest(name = "{0} = {1} is rejected")
    @CsvSource({
        "gamma, 1.0, 'a number in [0, 1)', 1.0",
        "gamma, -0.5, 'a number in [0, 1)', -0.5",
        "group_size, 1, 'an integer ≥ 2', 1",
        "clip_eps, 0.0, 'a number > 0', 0.0"})
    void outOfRangeNumbers(String name, double value, String expected, String found) {
      Object v = name.equals("group_size") ? (Object) (long) value : (Object) value;
      assertThat(space.get(name).orElseThrow().check(v)).hasValueSatisfying(violation -> {
        assertThat(violation.expected()).isEqualTo(expected);
        assertThat(violation.found()).isEqualTo(found);
      });
    }

    @Test
    void wrongTypes() {
      assertThat(space.get("group_size").orElseThrow().check(2.5)).isPresent();
      assertThat(space.get("gamma").orElseThrow().check("high")).hasValueSatisfying(
          v -> assertThat(v.found()).isEqualTo("\"high\" (a string)"));
      assertThat(space.get("norm_adv").orElseThrow().check(1L)).isPresent();
      assertThat(space.get("trace").orElseThrow().check("dutch")).hasValueSatisfying(
          v -> assertThat(v.expected()).isEqualTo("one of accumulating, replacing"));
    }

    @Test
    void acceptsWholeFloatsForIntegersAndIntegersForNumbers() {
      assertThat(space.get("group_size").orElseThrow().check(16.0)).isEmpty();
      assertThat(space.get("group_size").orElseThrow().canonical(16.0)).isEqualTo(16L);
      assertThat(space.get("gamma").orElseThrow().check(0L)).isEmpty();
      assertThat(space.get("gamma").orElseThrow().canonical(0L)).isEqualTo(0.0);
    }

    @Test
    void rejectsNonFiniteNumbers() {
      assertThat(space.get("clip_eps").orElseThrow().check(Double.POSITIVE_INFINITY)).isPresent();
      assertThat(space.get("clip_eps").orElseThrow().check(Double.NaN)).isPresent();
    }
  }

  @Nested
  class Binding {
    @Test
    void fillsDefaultsAndConvertsTypes() {
      Example bound = space.bind(Example.class, Map.of("gamma", 0.9, "group_size", 4L, "trace", "accumulating"));
      assertThat(bound).isEqualTo(new Example(0.9, 4, true, Trace.ACCUMULATING, "adam", 0.2));
    }

    @Test
    void refusesABadValueNamingIt() {
      assertThatThrownBy(() -> space.bind(Example.class, Map.of("group_size", 1L)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("group_size: expected an integer ≥ 2, found 1");
    }
  }

  @Nested
  class Declarations {
    record Undeclared(double lr) {}

    record BadDefault(@Param(doc = "λ", defaultValue = "1.5", min = 0, max = 1) double lambda) {}

    record UnsupportedType(@Param(doc = "x", defaultValue = "1") float x) {}

    @Test
    void mustAnnotateEveryComponent() {
      assertThatThrownBy(() -> ParameterSpace.of(Undeclared.class)).hasMessageContaining("lr has no @Param");
    }

    @Test
    void mustHaveValidDefaults() {
      assertThatThrownBy(() -> ParameterSpace.of(BadDefault.class)).hasMessageContaining("default 1.5 is not a number in [0, 1]");
    }

    @Test
    void mustUseSupportedTypes() {
      assertThatThrownBy(() -> ParameterSpace.of(UnsupportedType.class)).hasMessageContaining("unsupported parameter type float");
    }
  }

  @Test
  void pluginIdsAreChecked() {
    assertThatThrownBy(() -> PluginDescriptor.algorithm("bad id", "s", "r", Example.class))
        .hasMessageContaining("plugin id must match");
  }
}
