package dev.rlx.core.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rlx.api.ParameterSpec;
import dev.rlx.api.PluginKind;
import dev.rlx.core.plugins.PluginCatalog;
import dev.rlx.core.spec.Problem;
import dev.rlx.core.spec.ProblemList;
import dev.rlx.core.spec.SchemaValidator;
import dev.rlx.core.spec.SourceMap;
import dev.rlx.core.spec.SourcePosition;
import dev.rlx.core.spec.SpecPath;
import dev.rlx.core.spec.Suggestions;
import dev.rlx.core.spec.YamlDocument;
import dev.rlx.core.spec.YamlDocumentReader;
import dev.rlx.sweeps.Axis;
import dev.rlx.sweeps.CanonicalJson;
import dev.rlx.sweeps.Distribution;
import dev.rlx.sweeps.RandomSearch;
import dev.rlx.sweeps.SweepDefinition;
import dev.rlx.sweeps.SweepExpander;
import dev.rlx.sweeps.SweepProblem;
import dev.rlx.sweeps.SweepValue;
import dev.rlx.sweeps.Variant;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Spec file → validated {@link ExperimentPlan}: parse (with positions), schema, plugin ids,
 * sweep paths, the trial cap, report/expect references, then expansion with every trial
 * checked against its plugins' declarations. Every problem found is reported, not just the
 * first; expansion runs only when the parts it depends on are sound.
 */
public final class ExperimentPlanner {

  /** Default cap on trials per sweep; {@code --max-trials} raises it. */
  public static final long DEFAULT_MAX_TRIALS = 10_000;

  /** Axes a learning-curve figure can use. */
  static final List<String> CURVE_AXES = List.of("env_steps", "episodes", "step", "wall_time");
  /** The pseudo-path that groups trials by variant name. */
  static final String VARIANT = "variant";

  private final PluginCatalog catalog;
  private final SchemaValidator schema;
  private final YamlDocumentReader reader;

  public ExperimentPlanner(PluginCatalog catalog, SchemaValidator schema, YamlDocumentReader reader) {
    this.catalog = catalog;
    this.schema = schema;
    this.reader = reader;
  }

  /** Plans the spec at {@code file}; {@code shownAs} is how messages name it. */
  public PlanResult plan(Path file, String shownAs, long maxTrials) {
    ProblemList problems = new ProblemList(shownAs);
    Optional<YamlDocument> document = reader.read(file, shownAs, problems);
    if (document.isEmpty()) {
      return new PlanResult(Optional.empty(), problems.sorted());
    }
    return plan(document.get(), problems, maxTrials);
  }

  /** Plans spec text held in memory (tests, benchmarks). */
  public PlanResult plan(String text, String shownAs, long maxTrials) {
    ProblemList problems = new ProblemList(shownAs);
    Optional<YamlDocument> document = reader.parse(text.getBytes(StandardCharsets.UTF_8), shownAs, problems);
    if (document.isEmpty()) {
      return new PlanResult(Optional.empty(), problems.sorted());
    }
    return plan(document.get(), problems, maxTrials);
  }

  private PlanResult plan(YamlDocument document, ProblemList problems, long maxTrials) {
    schema.validate(document, problems);
    JsonNode root = document.root();
    if (!root.isObject()) {
      return new PlanResult(Optional.empty(), problems.sorted());
    }
    SourceMap sources = document.sources();
    boolean expandable = !problemsUnder(problems, "environment", "algorithm", "budget", "evaluation", "sweep");

    expandable &= checkPluginId(PluginKind.ENVIRONMENT, root, sources, problems);
    expandable &= checkPluginId(PluginKind.ALGORITHM, root, sources, problems);
    TrialConfigResolver resolver = new TrialConfigResolver(catalog, sources);
    resolver.checkBase(baseConfig(root), p -> report(p, problems));

    int before = problems.size();
    SweepDefinition sweep = readSweep(root.path("sweep"), sources);
    for (SweepProblem p : SweepExpander.check(sweep)) {
      report(p, problems);
    }
    checkSweepPaths(root, sweep, sources, problems);
    checkRandomRanges(root, sweep, problems);
    expandable &= problems.size() == before;

    long count = sweep.trialCount();
    if (count > maxTrials) {
      SpecPath at = SpecPath.ROOT.key("sweep");
      problems.add(sources.keyAt(at), at, "the sweep expands to " + count(count) + " trials, above the limit",
          "at most " + maxTrials + " trials", count(count) + " trials",
          "sweep fewer values, or raise the limit with --max-trials " + count);
      expandable = false;
    }

    Map<String, List<JsonNode>> sweptValues = sweptValues(sweep);
    checkReport(root, sweptValues, sources, problems);
    checkExpect(root, sweptValues, sources, problems);

    if (!expandable) {
      return new PlanResult(Optional.empty(), problems.sorted());
    }
    SweepExpander expander = new SweepExpander(resolver);
    SweepExpander.Expansion expansion = expander.expand(baseConfig(root), sweep);
    expansion.problems().forEach(p -> report(p, problems));
    if (!problems.isEmpty()) {
      return new PlanResult(Optional.empty(), problems.sorted());
    }
    List<String> swept = new ArrayList<>();
    sweep.grid().forEach(a -> swept.add(a.path()));
    sweep.zip().forEach(a -> swept.add(a.path()));
    sweep.random().ifPresent(r -> r.parameters().forEach(p -> swept.add(p.path())));
    String specHash = CanonicalJson.id(JsonNodeFactory.instance.textNode(document.text()));
    ExperimentPlan plan = new ExperimentPlan(root.path("name").asText(), document, specHash, swept, expansion.trials());
    return new PlanResult(Optional.of(plan), List.of());
  }

  private static String count(long n) {
    return n == Long.MAX_VALUE ? "more than 9.2e18" : String.format("%,d", n);
  }

  private static boolean problemsUnder(ProblemList problems, String... sections) {
    for (Problem p : problems.sorted()) {
      for (String section : sections) {
        if (p.path().equals(section) || p.path().startsWith(section + ".") || p.path().startsWith(section + "[")) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean checkPluginId(PluginKind kind, JsonNode root, SourceMap sources, ProblemList problems) {
    JsonNode id = root.path(kind.label()).path("id");
    if (!id.isTextual()) {
      return false; // missing or mistyped: the schema said so
    }
    if (catalog.find(kind, id.asText()).isPresent()) {
      return true;
    }
    SpecPath path = SpecPath.ROOT.key(kind.label()).key("id");
    Set<String> known = catalog.byKind(kind).keySet();
    problems.add(sources.valueAt(path), path, "unknown " + kind.label() + " '" + id.asText() + "'",
        "one of " + String.join(", ", known), "'" + id.asText() + "'",
        Optional.ofNullable(Suggestions.hint(id.asText(), known)).orElse("`rlx describe` lists them"));
    return false;
  }

  // ---- sweep section → SweepDefinition (defensive: the schema has reported malformed parts)

  private static SweepDefinition readSweep(JsonNode sweep, SourceMap sources) {
    SpecPath at = SpecPath.ROOT.key("sweep");
    Origin sweepOrigin = new Origin(sources.keyAt(at), at);
    List<Axis> grid = axes(sweep.path("grid"), at.key("grid"), sources);
    List<Axis> zip = axes(sweep.path("zip"), at.key("zip"), sources);
    List<Variant> variants = new ArrayList<>();
    SpecPath variantsAt = at.key("variants");
    for (Map.Entry<String, JsonNode> v : fields(sweep.path("variants"))) {
      SpecPath vAt = variantsAt.key(v.getKey());
      List<Variant.Override> overrides = new ArrayList<>();
      for (Map.Entry<String, JsonNode> o : fields(v.getValue())) {
        SpecPath oAt = vAt.key(o.getKey());
        overrides.add(new Variant.Override(o.getKey(), new Origin(sources.keyAt(oAt), oAt),
            new SweepValue(o.getValue(), new Origin(sources.valueAt(oAt), oAt))));
      }
      variants.add(new Variant(v.getKey(), new Origin(sources.keyAt(vAt), vAt), overrides));
    }
    Optional<RandomSearch> random = Optional.empty();
    JsonNode r = sweep.path("random");
    if (r.isObject() && r.path("samples").canConvertToInt()) {
      SpecPath rAt = at.key("random");
      List<RandomSearch.Parameter> params = new ArrayList<>();
      for (Map.Entry<String, JsonNode> p : fields(r.path("params"))) {
        SpecPath pAt = rAt.key("params").key(p.getKey());
        distribution(p.getValue()).ifPresent(d -> params.add(
            new RandomSearch.Parameter(p.getKey(), new Origin(sources.keyAt(pAt), pAt), d)));
      }
      random = Optional.of(new RandomSearch(r.path("samples").asInt(), r.path("seed").asLong(0),
          new Origin(sources.keyAt(rAt), rAt), params));
    }
    List<Long> seeds = new ArrayList<>();
    JsonNode s = sweep.path("seeds");
    if (s.isIntegralNumber() && s.asLong() >= 1) {
      for (long i = 0; i < Math.min(s.asLong(), Integer.MAX_VALUE); i++) {
        seeds.add(i);
      }
    } else if (s.isArray() && s.size() > 0) {
      s.forEach(x -> seeds.add(x.asLong()));
    } else {
      seeds.add(0L);
    }
    return new SweepDefinition(grid, zip, variants, random, seeds, sweepOrigin);
  }

  private static List<Axis> axes(JsonNode node, SpecPath at, SourceMap sources) {
    List<Axis> axes = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : fields(node)) {
      if (!field.getValue().isArray()) {
        continue;
      }
      SpecPath axisAt = at.key(field.getKey());
      List<SweepValue> values = new ArrayList<>();
      for (int i = 0; i < field.getValue().size(); i++) {
        SpecPath valueAt = axisAt.index(i);
        values.add(new SweepValue(field.getValue().get(i), new Origin(sources.valueAt(valueAt), valueAt)));
      }
      axes.add(new Axis(field.getKey(), new Origin(sources.keyAt(axisAt), axisAt), values));
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

  // ---- what a sweep path may address

  /**
   * A swept path must address something a trial can vary: a plugin id, a parameter declared
   * by one of the plugins the sweep can select, or a budget/evaluation setting.
   */
  private void checkSweepPaths(JsonNode root, SweepDefinition sweep, SourceMap sources, ProblemList problems) {
    Map<PluginKind, Set<String>> candidates = new LinkedHashMap<>();
    for (PluginKind kind : PluginKind.values()) {
      Set<String> ids = new LinkedHashSet<>();
      JsonNode base = root.path(kind.label()).path("id");
      if (base.isTextual()) {
        ids.add(base.asText());
      }
      String idPath = kind.label() + ".id";
      sweep.variants().forEach(v -> v.overrides().stream().filter(o -> o.path().equals(idPath))
          .forEach(o -> ids.add(o.value().value().asText())));
      sweep.grid().stream().filter(a -> a.path().equals(idPath)).forEach(a -> a.values().forEach(x -> ids.add(x.value().asText())));
      sweep.zip().stream().filter(a -> a.path().equals(idPath)).forEach(a -> a.values().forEach(x -> ids.add(x.value().asText())));
      candidates.put(kind, ids);
    }
    Set<String> addressable = new TreeSet<>();
    for (PluginKind kind : PluginKind.values()) {
      addressable.add(kind.label() + ".id");
      for (String id : candidates.get(kind)) {
        catalog.find(kind, id).ifPresent(d -> d.parameters().names()
            .forEach(n -> addressable.add(kind.label() + ".params." + n)));
      }
    }
    for (String section : List.of("budget", "evaluation")) {
      fields(schema.schemaTree().path("properties").path(section).path("properties"))
          .forEach(e -> addressable.add(section + "." + e.getKey()));
    }
    List<Origin> keyOrigins = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    sweep.grid().forEach(a -> { paths.add(a.path()); keyOrigins.add((Origin) a.origin()); });
    sweep.zip().forEach(a -> { paths.add(a.path()); keyOrigins.add((Origin) a.origin()); });
    sweep.random().ifPresent(r -> r.parameters().forEach(p -> { paths.add(p.path()); keyOrigins.add((Origin) p.origin()); }));
    sweep.variants().forEach(v -> v.overrides().forEach(o -> { paths.add(o.path()); keyOrigins.add((Origin) o.origin()); }));
    for (int i = 0; i < paths.size(); i++) {
      String path = paths.get(i);
      if (addressable.contains(path)) {
        continue;
      }
      Origin at = keyOrigins.get(i);
      String message = "'" + path + "' addresses nothing a trial can vary";
      for (PluginKind kind : PluginKind.values()) {
        String prefix = kind.label() + ".params.";
        if (path.startsWith(prefix)) {
          message = "'" + path.substring(prefix.length()) + "' is not a parameter of "
              + String.join(" or ", candidates.get(kind));
        }
      }
      problems.add(at.position(), at.path(), message,
          "a path such as algorithm.params.<name>, environment.params.<name>, algorithm.id or budget.env_steps",
          "'" + path + "'", Suggestions.hint(path, addressable));
    }
  }

  /**
   * A random range must lie within what the parameter accepts; checked on the bounds, so the
   * problem is stated once, not once per unlucky sample.
   */
  private void checkRandomRanges(JsonNode root, SweepDefinition sweep, ProblemList problems) {
    if (sweep.random().isEmpty()) {
      return;
    }
    for (RandomSearch.Parameter p : sweep.random().get().parameters()) {
      if (p.distribution().check(p.path(), p.origin()).isPresent()) {
        continue; // malformed bounds are reported on their own
      }
      for (PluginKind kind : PluginKind.values()) {
        String prefix = kind.label() + ".params.";
        Optional<ParameterSpec> spec = p.path().startsWith(prefix)
            ? catalog.find(kind, root.path(kind.label()).path("id").asText()).flatMap(d -> d.parameters().get(p.path().substring(prefix.length())))
            : Optional.empty();
        if (spec.isEmpty()) {
          continue;
        }
        List<Object> ends = p.distribution().bounds().stream().map(TrialConfigResolver::plainValue).toList();
        List<Object> outside = ends.stream().filter(v -> spec.get().check(v).isPresent()).toList();
        if (!outside.isEmpty()) {
          Origin at = (Origin) p.origin();
          problems.add(at.position(), at.path(), "the random range reaches values '" + spec.get().name() + "' does not accept",
              "values " + spec.get().rangeText(), ends.toString(), null);
        }
      }
    }
  }

  /** The values each swept path takes (grid and zip), and the variant names, for report/expect checks. */
  private static Map<String, List<JsonNode>> sweptValues(SweepDefinition sweep) {
    Map<String, List<JsonNode>> values = new LinkedHashMap<>();
    sweep.grid().forEach(a -> values.put(a.path(), a.values().stream().map(SweepValue::value).toList()));
    sweep.zip().forEach(a -> values.put(a.path(), a.values().stream().map(SweepValue::value).toList()));
    sweep.random().ifPresent(r -> r.parameters().forEach(p -> values.put(p.path(), null)));
    if (!sweep.variants().isEmpty()) {
      values.put(VARIANT, sweep.variants().stream()
          .map(v -> (JsonNode) JsonNodeFactory.instance.textNode(v.name())).toList());
      sweep.variants().forEach(v -> v.overrides().forEach(o -> values.putIfAbsent(o.path(), null)));
    }
    return values;
  }

  // ---- report and expect must refer to what the sweep varies

  private static void checkReport(JsonNode root, Map<String, List<JsonNode>> swept, SourceMap sources, ProblemList problems) {
    JsonNode figures = root.path("report").path("figures");
    SpecPath at = SpecPath.ROOT.key("report").key("figures");
    for (int i = 0; i < figures.size(); i++) {
      JsonNode figure = figures.get(i);
      SpecPath fAt = at.index(i);
      String kind = figure.path("kind").asText();
      if (figure.has("by")) {
        checkGroupKey(figure.get("by"), fAt.key("by"), swept, sources, problems);
      }
      JsonNode x = figure.path("x");
      if (kind.equals("curve") && x.isTextual() && !CURVE_AXES.contains(x.asText())) {
        problems.add(sources.valueAt(fAt.key("x")), fAt.key("x"), "not a training axis",
            "one of " + String.join(", ", CURVE_AXES), "'" + x.asText() + "'", Suggestions.hint(x.asText(), CURVE_AXES));
      } else if (kind.equals("final")) {
        if (!x.isTextual()) {
          problems.add(sources.valueAt(fAt), fAt.key("x"), "a final figure needs an x axis",
              "a swept path" + (swept.isEmpty() ? "" : ", one of " + String.join(", ", swept.keySet())), "no x", null);
        } else {
          checkGroupKey(x, fAt.key("x"), swept, sources, problems);
        }
      }
    }
  }

  private static void checkExpect(JsonNode root, Map<String, List<JsonNode>> swept, SourceMap sources, ProblemList problems) {
    JsonNode checks = root.path("expect");
    SpecPath at = SpecPath.ROOT.key("expect");
    List<String> kinds = List.of("argmax_in", "argmin_in", "monotone", "ordering", "within", "u_shape");
    for (int i = 0; i < checks.size(); i++) {
      JsonNode check = checks.get(i);
      SpecPath cAt = at.index(i);
      if (!check.isObject()) {
        continue;
      }
      List<String> present = kinds.stream().filter(check::has).toList();
      if (present.size() != 1) {
        problems.add(sources.valueAt(cAt), cAt, "a check states exactly one claim",
            "one of " + String.join(", ", kinds), present.isEmpty() ? "none" : String.join(" and ", present), null);
        continue;
      }
      String claim = present.get(0);
      JsonNode where = check.path("where");
      for (java.util.Iterator<Map.Entry<String, JsonNode>> it = where.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> filter = it.next();
        SpecPath filterAt = cAt.key("where").key(filter.getKey());
        if (checkGroupKey(com.fasterxml.jackson.databind.node.TextNode.valueOf(filter.getKey()), filterAt, swept, sources, problems)) {
          List<JsonNode> values = swept.get(filter.getKey());
          if (values != null && !containsValue(values, filter.getValue())) {
            problems.add(sources.valueAt(filterAt), filterAt, "not a value that '" + filter.getKey() + "' takes",
                "one of " + values, filter.getValue().toString(), null);
          }
        }
      }
      JsonNode by = check.get("by");
      if (by == null) {
        if (!claim.equals("within")) {
          problems.add(sources.valueAt(cAt), cAt.key("by"), "'" + claim + "' compares groups, so it needs 'by'",
              "a swept path or 'variant'" + (swept.isEmpty() ? "" : ": one of " + String.join(", ", swept.keySet())), "no 'by'", null);
        }
        continue;
      }
      JsonNode bestOver = check.path("best_over").path("path");
      if (bestOver.isTextual()) {
        checkGroupKey(bestOver, cAt.key("best_over").key("path"), swept, sources, problems);
      }
      if (!checkGroupKey(by, cAt.key("by"), swept, sources, problems)) {
        continue;
      }
      List<JsonNode> groups = swept.get(by.asText());
      if (groups == null) {
        continue; // random search: values are not known in advance
      }
      List<JsonNode> claimed = new ArrayList<>();
      List<SpecPath> claimedAt = new ArrayList<>();
      switch (claim) {
        case "argmax_in", "argmin_in" -> {
          JsonNode list = check.get(claim);
          for (int j = 0; j < list.size(); j++) {
            claimed.add(list.get(j));
            claimedAt.add(cAt.key(claim).index(j));
          }
        }
        case "ordering" -> {
          for (String side : List.of("higher", "lower")) {
            if (check.get(claim).has(side)) {
              claimed.add(check.get(claim).get(side));
              claimedAt.add(cAt.key(claim).key(side));
            }
          }
        }
        case "within" -> {
          if (check.has("at")) {
            claimed.add(check.get("at"));
            claimedAt.add(cAt.key("at"));
          }
        }
        default -> { }
      }
      for (int j = 0; j < claimed.size(); j++) {
        if (!containsValue(groups, claimed.get(j))) {
          problems.add(sources.valueAt(claimedAt.get(j)), claimedAt.get(j), "not a value that '" + by.asText() + "' takes",
              "one of " + groups, claimed.get(j).toString(), null);
        }
      }
    }
  }

  private static boolean checkGroupKey(JsonNode key, SpecPath at, Map<String, List<JsonNode>> swept, SourceMap sources, ProblemList problems) {
    if (!key.isTextual()) {
      return false;
    }
    if (swept.containsKey(key.asText())) {
      return true;
    }
    problems.add(sources.valueAt(at), at, "'" + key.asText() + "' is not swept, so it cannot group trials",
        swept.isEmpty() ? "a swept path (this spec sweeps nothing but seeds)" : "one of " + String.join(", ", swept.keySet()),
        "'" + key.asText() + "'", Suggestions.hint(key.asText(), swept.keySet()));
    return false;
  }

  /** Membership with numbers compared by value, so 1 matches 1.0. */
  static boolean containsValue(List<JsonNode> values, JsonNode value) {
    for (JsonNode v : values) {
      if (v.equals(value) || (v.isNumber() && value.isNumber() && v.asDouble() == value.asDouble())) {
        return true;
      }
    }
    return false;
  }

  private static ObjectNode baseConfig(JsonNode root) {
    ObjectNode base = JsonNodeFactory.instance.objectNode();
    for (String section : List.of("environment", "algorithm", "budget", "evaluation")) {
      if (root.has(section)) {
        base.set(section, root.get(section).deepCopy());
      }
    }
    return base;
  }

  private static void report(SweepProblem p, ProblemList problems) {
    if (p.origin() instanceof Origin o) {
      problems.add(o.position(), o.path(), p.message(), p.expected(), p.found(), p.hint());
    } else {
      problems.add(SourcePosition.START, p.path(), p.message(), p.expected(), p.found(), p.hint());
    }
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
