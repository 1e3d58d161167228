package dev.rlx.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rlx.core.model.ExperimentSpec.Executor;
import dev.rlx.core.model.ExperimentSpec.Mlflow;
import dev.rlx.core.model.ExperimentSpec.Plugin;
import dev.rlx.core.model.ExperimentSpec.Reference;
import dev.rlx.core.model.ExperimentSpec.Resources;
import dev.rlx.core.model.ExperimentSpec.Tracking;
import dev.rlx.core.spec.Origin;
import dev.rlx.core.spec.ProblemList;
import dev.rlx.core.spec.SourceMap;
import dev.rlx.core.spec.SpecPath;
import dev.rlx.core.spec.YamlDocument;
import dev.rlx.core.spec.YamlDocumentReader;
import dev.rlx.sweeps.Axis;
import dev.rlx.sweeps.Distribution;
import dev.rlx.sweeps.RandomSearch;
import dev.rlx.sweeps.SweepDefinition;
import dev.rlx.sweeps.SweepValue;
import dev.rlx.sweeps.Variant;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a parsed spec into its {@link ExperimentSpec}. Defensive: the schema reports malformed
 * parts, so a part of the wrong shape reads as absent here rather than failing, and the checks
 * that follow validation see what they can.
 */
public final class SpecReader {

  private final SourceMap sources;

  private SpecReader(SourceMap sources) {
    this.sources = sources;
  }

  public static ExperimentSpec read(YamlDocument document) {
    return new SpecReader(document.sources()).spec(document.root());
  }

  /**
   * Reads spec text kept with a sweep (validated when it ran). Text that no longer parses reads
   * as an empty spec: what is derived from it (MLflow tags, the experiment's name) falls back.
   */
  public static ExperimentSpec readStored(String text) {
    byte[] bytes = (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
    return read(new YamlDocumentReader().parse(bytes, "stored spec", new ProblemList("stored spec"))
        .orElseGet(() -> new YamlDocument("stored spec", "", JsonNodeFactory.instance.objectNode(), new SourceMap())));
  }

  private ExperimentSpec spec(JsonNode root) {
    return new ExperimentSpec(root.path("name").asText(), text(root, "description"), reference(root.path("reference")),
        plugin(root.path("environment")), plugin(root.path("algorithm")), trialBase(root), sweep(root.path("sweep")),
        resources(root.path("resources")), executor(root.path("executor")), tracking(root.path("tracking")),
        figures(root.path("report").path("figures")), checks(root.path("expect")), match(root.path("match")));
  }

  private Optional<ExperimentSpec.Match> match(JsonNode match) {
    if (!match.isObject()) {
      return Optional.empty();
    }
    SpecPath at = SpecPath.ROOT.key("match");
    List<ExperimentSpec.Opponent> opponents = new ArrayList<>();
    JsonNode list = match.path("opponents");
    for (int i = 0; list.isArray() && i < list.size(); i++) {
      JsonNode o = list.get(i);
      if (!o.isObject() || !o.path("id").isTextual()) {
        continue; // the schema said so
      }
      ObjectNode plugin = JsonNodeFactory.instance.objectNode();
      plugin.set("id", o.get("id"));
      if (o.has("params")) {
        plugin.set("params", o.get("params").deepCopy());
      }
      opponents.add(new ExperimentSpec.Opponent(o.path("name").asText(o.path("id").asText()), Origin.value(sources, at.key("opponents").index(i)),
          i, plugin));
    }
    return Optional.of(new ExperimentSpec.Match(Origin.key(sources, at),
        Optional.ofNullable(match.get("round_robin")).map(r -> located(r, at.key("round_robin"))), opponents,
        match.path("games").canConvertToInt() ? match.path("games").asInt() : 0, Origin.value(sources, at.key("games"))));
  }

  private static Plugin plugin(JsonNode section) {
    JsonNode id = section.path("id");
    return new Plugin(id.isTextual() ? Optional.of(id.asText()) : Optional.empty());
  }

  private static ObjectNode trialBase(JsonNode root) {
    ObjectNode base = JsonNodeFactory.instance.objectNode();
    for (String section : List.of("environment", "algorithm", "budget", "evaluation")) {
      if (root.has(section)) {
        base.set(section, root.get(section).deepCopy());
      }
    }
    return base;
  }

  private static Optional<Reference> reference(JsonNode reference) {
    return reference.isObject() ? Optional.of(new Reference(reference.path("citation").asText(),
        text(reference, "figure"), text(reference, "claim"), text(reference, "url"))) : Optional.empty();
  }

  private static Resources resources(JsonNode r) {
    return new Resources(r.path("cpus").asDouble(1), r.path("gpus").asDouble(0), text(r, "memory"), text(r, "timeout"),
        r.path("retries").asInt(0), text(r, "isolation"));
  }

  private static Executor executor(JsonNode e) {
    return new Executor(e.path("type").asText("local"), text(e, "partition"), text(e, "account"), text(e, "qos"),
        text(e, "time"), e.has("max_parallel") ? Optional.of(e.path("max_parallel").asInt()) : Optional.empty(),
        text(e, "memory"), e.path("gpu_request").asText("gres"), strings(e.path("extra_args")), strings(e.path("setup")),
        integer(e, "trials_per_task"), text(e, "task_length"), integer(e, "cpus_per_task"));
  }

  /** An integer-valued key; absent, or a non-integer such as {@code auto}, is empty. */
  private static Optional<Integer> integer(JsonNode node, String key) {
    JsonNode v = node.path(key);
    return v.isIntegralNumber() ? Optional.of(v.asInt()) : Optional.empty();
  }

  private static Tracking tracking(JsonNode t) {
    if (!t.has("mlflow")) {
      return new Tracking(Optional.empty());
    }
    JsonNode m = t.path("mlflow");
    Map<String, String> tags = new LinkedHashMap<>();
    fields(m.path("tags")).forEach(e -> tags.put(e.getKey(), e.getValue().asText()));
    JsonNode enabled = m.path("enabled");
    return new Tracking(Optional.of(new Mlflow(text(m, "experiment"),
        enabled.isBoolean() ? Optional.of(enabled.asBoolean()) : Optional.empty(), text(m, "runs"), tags)));
  }

  // ---- report.figures and expect

  private List<Figure> figures(JsonNode figures) {
    List<Figure> out = new ArrayList<>();
    SpecPath at = SpecPath.ROOT.key("report").key("figures");
    for (int i = 0; figures.isArray() && i < figures.size(); i++) {
      JsonNode f = figures.get(i);
      SpecPath fAt = at.index(i);
      JsonNode range = f.path("y_range");
      out.add(new Figure(Origin.value(sources, fAt), f.path("kind").asText(), textual(f.path("x")),
          Origin.value(sources, fAt.key("x")), f.path("y").asText(), textual(f.path("by")), Origin.value(sources, fAt.key("by")),
          f.path("summary").asText("final"), text(f, "title"), text(f, "x_label"), text(f, "y_label"),
          range.isArray() ? Optional.of(new double[] {range.path(0).asDouble(), range.path(1).asDouble()}) : Optional.empty(),
          f.path("log_x").asBoolean(false), f.path("log_y").asBoolean(false), f.path("smooth").asInt(1), f.path("bins").asInt(0)));
    }
    return out;
  }

  private List<Check> checks(JsonNode expect) {
    List<Check> out = new ArrayList<>();
    SpecPath at = SpecPath.ROOT.key("expect");
    for (int i = 0; expect.isArray() && i < expect.size(); i++) {
      JsonNode c = expect.get(i);
      SpecPath cAt = at.index(i);
      if (!c.isObject()) {
        continue; // the schema said so
      }
      List<Check.Filter> where = new ArrayList<>();
      for (Map.Entry<String, JsonNode> filter : fields(c.path("where"))) {
        where.add(new Check.Filter(filter.getKey(), located(filter.getValue(), cAt.key("where").key(filter.getKey()))));
      }
      JsonNode bestOver = c.path("best_over");
      Optional<Check.BestOver> best = bestOver.isObject()
          ? Optional.of(new Check.BestOver(Optional.ofNullable(bestOver.get("path")).map(p -> located(p, cAt.key("best_over").key("path"))),
              bestOver.path("pick").asText("min").equals("min")))
          : Optional.empty();
      List<String> stated = Claim.KEYS.stream().filter(c::has).toList();
      Optional<Claim> claim = stated.size() == 1 ? Optional.of(claim(stated.get(0), c, cAt)) : Optional.empty();
      out.add(new Check(Origin.value(sources, cAt), c.path("metric").asText(), c.path("summary").asText("final"),
          Optional.ofNullable(c.get("by")).map(b -> located(b, cAt.key("by"))), Origin.value(sources, cAt.key("by")),
          where, best, stated, claim));
    }
    return out;
  }

  private Claim claim(String key, JsonNode check, SpecPath cAt) {
    JsonNode node = check.get(key);
    SpecPath at = cAt.key(key);
    return switch (key) {
      case "argmax_in", "argmin_in" -> {
        List<Located> allowed = new ArrayList<>();
        for (int j = 0; j < node.size(); j++) {
          allowed.add(located(node.get(j), at.index(j)));
        }
        yield new Claim.Extreme(key.equals("argmax_in"), allowed);
      }
      case "monotone" -> new Claim.Monotone(node.asText().equals("increasing"));
      case "ordering" -> new Claim.Ordering(Optional.ofNullable(node.get("higher")).map(v -> located(v, at.key("higher"))),
          Optional.ofNullable(node.get("lower")).map(v -> located(v, at.key("lower"))), node.path("margin").asDouble(0));
      case "within" -> new Claim.Within(node.path(0).asDouble(), node.path(1).asDouble(),
          Optional.ofNullable(check.get("at")).map(v -> located(v, cAt.key("at"))));
      default -> new Claim.UShape();
    };
  }

  private Located located(JsonNode value, SpecPath at) {
    return new Located(value, Origin.value(sources, at));
  }

  // ---- sweep section → SweepDefinition

  private SweepDefinition sweep(JsonNode sweep) {
    SpecPath at = SpecPath.ROOT.key("sweep");
    List<Axis> grid = axes(sweep.path("grid"), at.key("grid"));
    List<Axis> zip = axes(sweep.path("zip"), at.key("zip"));
    List<Variant> variants = new ArrayList<>();
    SpecPath variantsAt = at.key("variants");
    for (Map.Entry<String, JsonNode> v : fields(sweep.path("variants"))) {
      SpecPath vAt = variantsAt.key(v.getKey());
      List<Variant.Override> overrides = new ArrayList<>();
      for (Map.Entry<String, JsonNode> o : fields(v.getValue())) {
        SpecPath oAt = vAt.key(o.getKey());
        overrides.add(new Variant.Override(o.getKey(), Origin.key(sources, oAt),
            new SweepValue(o.getValue(), Origin.value(sources, oAt))));
      }
      variants.add(new Variant(v.getKey(), Origin.key(sources, vAt), overrides));
    }
    Optional<RandomSearch> random = Optional.empty();
    JsonNode r = sweep.path("random");
    if (r.isObject() && r.path("samples").canConvertToInt()) {
      SpecPath rAt = at.key("random");
      List<RandomSearch.Parameter> params = new ArrayList<>();
      for (Map.Entry<String, JsonNode> p : fields(r.path("params"))) {
        SpecPath pAt = rAt.key("params").key(p.getKey());
        distribution(p.getValue()).ifPresent(d -> params.add(new RandomSearch.Parameter(p.getKey(), Origin.key(sources, pAt), d)));
      }
      random = Optional.of(new RandomSearch(r.path("samples").asInt(), r.path("seed").asLong(0), Origin.key(sources, rAt), params));
    }
    JsonNode s = sweep.path("seeds");
    List<Long> seeds;
    if (s.isIntegralNumber() && s.asLong() >= 1) {
      seeds = dev.rlx.sweeps.SeedRange.of(s.asLong()); // a count, not a list: checked against --max-trials first
    } else if (s.isArray() && s.size() > 0) {
      seeds = new ArrayList<>();
      s.forEach(x -> seeds.add(x.asLong()));
    } else {
      seeds = List.of(0L);
    }
    return new SweepDefinition(grid, zip, variants, random, seeds, Origin.key(sources, at));
  }

  private List<Axis> axes(JsonNode node, SpecPath at) {
    List<Axis> axes = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : fields(node)) {
      if (!field.getValue().isArray()) {
        continue;
      }
      SpecPath axisAt = at.key(field.getKey());
      List<SweepValue> values = new ArrayList<>();
      for (int i = 0; i < field.getValue().size(); i++) {
        values.add(new SweepValue(field.getValue().get(i), Origin.value(sources, axisAt.index(i))));
      }
      axes.add(new Axis(field.getKey(), Origin.key(sources, axisAt), values));
    }
    return axes;
  }

  private static Optional<Distribution> distribution(JsonNode node) {
    JsonNode u = node.path("uniform");
    if (isPair(u)) {
      return Optional.of(new Distribution.Uniform(u.get(0).asDouble(), u.get(1).asDouble()));
    }
    JsonNode lu = node.path("log_uniform");
    if (isPair(lu)) {
      return Optional.of(new Distribution.LogUniform(lu.get(0).asDouble(), lu.get(1).asDouble()));
    }
    JsonNode iu = node.path("int_uniform");
    if (isPair(iu) && iu.get(0).isIntegralNumber() && iu.get(1).isIntegralNumber()) {
      return Optional.of(new Distribution.IntUniform(iu.get(0).asLong(), iu.get(1).asLong()));
    }
    JsonNode choice = node.path("choice");
    if (choice.isArray() && choice.size() > 0) {
      List<JsonNode> options = new ArrayList<>();
      choice.forEach(options::add);
      return Optional.of(new Distribution.Choice(options));
    }
    return Optional.empty();
  }

  private static boolean isPair(JsonNode node) {
    return node.isArray() && node.size() == 2 && node.get(0).isNumber() && node.get(1).isNumber();
  }

  // ---- small readers

  private static Optional<String> text(JsonNode node, String field) {
    return node.has(field) ? Optional.of(node.path(field).asText()) : Optional.empty();
  }

  private static Optional<String> textual(JsonNode node) {
    return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return out;
  }

  private static List<Map.Entry<String, JsonNode>> fields(JsonNode node) {
    List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        out.add(it.next());
      }
    }
    return out;
  }
}
