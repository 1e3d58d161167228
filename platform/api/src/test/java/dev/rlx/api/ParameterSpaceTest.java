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

  @Nested
  class NestedRecords {
    record Shape(
        @Param(doc = "width", defaultValue = "64", min = 8) int width,
        @Param(doc = "layers", defaultValue = "2", min = 1, max = 8) int layers) {}

    record Shared(
        @Param(doc = "clip", defaultValue = "1.0", min = 0, minExclusive = true) double maxGradNorm,
        @Params Shape shape) {}

    record Plugin(
        @Param(doc = "β", defaultValue = "0.1", min = 0) double beta,
        @Params Shared shared,
        @Param(doc = "prompts", defaultValue = "128", min = 1) int evalPrompts) {}

    private final ParameterSpace nested = ParameterSpace.of(Plugin.class);

    @Test
    void flattensNestedParametersInDeclarationOrder() {
      assertThat(nested.names()).containsExactly("beta", "max_grad_norm", "width", "layers", "eval_prompts");
      assertThat(nested.defaults()).containsExactly(Map.entry("beta", 0.1), Map.entry("max_grad_norm", 1.0),
          Map.entry("width", 64L), Map.entry("layers", 2L), Map.entry("eval_prompts", 128L));
      assertThat(nested.get("layers").orElseThrow().rangeText()).isEqualTo("in [1, 8]");
      assertThat(nested.parameters()).extracting(ParameterSpec::name).isEqualTo(nested.names());
    }

    @Test
    void bindsTheNestedRecordsFromFlatNames() {
      assertThat(nested.bind(Plugin.class, Map.of("width", 32L, "beta", 0.5)))
          .isEqualTo(new Plugin(0.5, new Shared(1.0, new Shape(32, 2)), 128));
      assertThatThrownBy(() -> nested.bind(Plugin.class, Map.of("layers", 9L)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("layers: expected an integer in [1, 8], found 9");
    }

    @Test
    void anotherRecipeChangesNestedDefaults() {
      ParameterSpace recipe = nested.withDefaults(Map.of("width", 128, "max_grad_norm", 0.5));
      assertThat(recipe.names()).isEqualTo(nested.names());
      assertThat(recipe.bind(Plugin.class, Map.of())).isEqualTo(new Plugin(0.1, new Shared(0.5, new Shape(128, 2)), 128));
      assertThat(nested.bind(Plugin.class, Map.of()).shared().shape().width()).isEqualTo(64);
      assertThatThrownBy(() -> nested.withDefaults(Map.of("width", 4))).hasMessageContaining("width");
    }

    record Twice(@Param(doc = "w", defaultValue = "8") int width, @Params Shape shape) {}

    record NotARecord(@Params String shape) {}

    record BothAnnotations(@Params @Param(doc = "s", defaultValue = "1") Shape shape) {}

    @Test
    void refusesMalformedNesting() {
      assertThatThrownBy(() -> ParameterSpace.of(Twice.class)).hasMessageContaining("parameter 'width' is declared twice");
      assertThatThrownBy(() -> ParameterSpace.of(NotARecord.class)).hasMessageContaining("@Params needs a parameter record");
      assertThatThrownBy(() -> ParameterSpace.of(BothAnnotations.class)).hasMessageContaining("no @Param");
    }
  }

  record Open(
      @Param(doc = "workers", defaultValue = "1", min = 1) int workers,
      @OpenParams(doc = "keyword arguments") Map<String, Object> kwargs) {}

  record TwoOpen(@OpenParams(doc = "a") Map<String, Object> a, @OpenParams(doc = "b") Map<String, Object> b) {}

  @Test
  void anOpenSpaceHandsItsUndeclaredIdentifiersToItsOpenParamsMap() {
    ParameterSpace open = ParameterSpace.of(Open.class);
    assertThat(open.names()).containsExactly("workers");
    assertThat(open.openDoc()).contains("keyword arguments");
    assertThat(open.acceptsUndeclared("ctrl_cost_weight")).isTrue();
    assertThat(open.acceptsUndeclared("ctrl-cost")).as("not a Python identifier").isFalse();
    assertThat(space.acceptsUndeclared("anything")).as("a closed space").isFalse();
    Open bound = open.bind(Open.class, Map.of("workers", 2L, "continuous", true, "ctrl_cost_weight", 0.1));
    assertThat(bound.workers()).isEqualTo(2);
    assertThat(bound.kwargs()).containsExactly(Map.entry("continuous", true), Map.entry("ctrl_cost_weight", 0.1));
    assertThat(open.bind(Open.class, Map.of()).kwargs()).isEmpty();
    assertThatThrownBy(() -> ParameterSpace.of(TwoOpen.class)).hasMessageContaining("@OpenParams needs one Map");
  }

  @Test
  void pluginIdsAreChecked() {
    assertThatThrownBy(() -> PluginDescriptor.algorithm("bad id", "s", "r", Example.class))
        .hasMessageContaining("plugin id must match");
  }
}
