package dev.rlx.core.plan;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.rlx.api.ParameterSpace;
import dev.rlx.api.ParameterSpec;
import dev.rlx.api.PluginKind;
import dev.rlx.core.model.ExperimentSpec;
import dev.rlx.core.model.SpecReader;
import dev.rlx.core.plugins.PluginCatalog;
import dev.rlx.core.report.checks.ClaimChecks;
import dev.rlx.core.report.checks.FigureChecks;
import dev.rlx.core.report.checks.SweptValues;
import dev.rlx.core.spec.Origin;
import dev.rlx.core.spec.Problem;
import dev.rlx.core.spec.ProblemList;
import dev.rlx.core.spec.SchemaValidator;
import dev.rlx.core.spec.SourceMap;
import dev.rlx.core.spec.SourcePosition;
import dev.rlx.core.spec.SpecPath;
import dev.rlx.core.spec.SpecValues;
import dev.rlx.core.spec.Suggestions;
import dev.rlx.core.spec.YamlDocument;
import dev.rlx.core.spec.YamlDocumentReader;
import dev.rlx.sweeps.CanonicalJson;
import dev.rlx.sweeps.RandomSearch;
import dev.rlx.sweeps.SweepDefinition;
import dev.rlx.sweeps.SweepExpander;
import dev.rlx.sweeps.SweepProblem;
import dev.rlx.sweeps.TrialSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Spec file → validated {@link ExperimentPlan}: parse (with positions), schema, the spec read
 * into its {@link ExperimentSpec}, plugin ids, sweep paths, the trial cap, report/expect
 * references (checked in {@code report.checks}), then expansion with every trial checked
 * against its plugins' declarations. Every problem found is reported, not just the
 * first; expansion runs only when the parts it depends on are sound.
 */
public final class ExperimentPlanner {

  /** Default cap on trials per sweep; {@code --max-trials} raises it. */
  public static final long DEFAULT_MAX_TRIALS = 10_000;

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
    return plan(reader.read(file, shownAs, problems), problems, maxTrials);
  }

  /** Plans spec text held in memory (tests, benchmarks). */
  public PlanResult plan(String text, String shownAs, long maxTrials) {
    ProblemList problems = new ProblemList(shownAs);
    return plan(reader.parse(text.getBytes(StandardCharsets.UTF_8), shownAs, problems), problems, maxTrials);
  }

  private PlanResult plan(Optional<YamlDocument> parsed, ProblemList problems, long maxTrials) {
    if (parsed.isEmpty()) {
      return new PlanResult(Optional.empty(), problems.sorted());
    }
    YamlDocument document = parsed.get();
    schema.validate(document, problems);
    if (!document.root().isObject()) {
      return new PlanResult(Optional.empty(), problems.sorted());
    }
    ExperimentSpec spec = SpecReader.read(document);
    SourceMap sources = document.sources();
    boolean expandable = !problemsUnder(problems, "environment", "algorithm", "budget", "evaluation", "sweep");

    expandable &= checkPluginId(PluginKind.ENVIRONMENT, spec.environment(), sources, problems);
    expandable &= checkPluginId(PluginKind.ALGORITHM, spec.algorithm(), sources, problems);
    TrialConfigResolver resolver = new TrialConfigResolver(catalog, sources);
    resolver.checkBase(spec.trialBase(), p -> report(p, problems));

    int before = problems.size();
    SweepDefinition sweep = spec.sweep();
    for (SweepProblem p : SweepExpander.check(sweep)) {
      report(p, problems);
    }
    checkSweepPaths(spec, problems);
    checkRandomRanges(spec, problems);
    expandable &= problems.size() == before;

    long count = sweep.trialCount();
    if (count > maxTrials) {
      SpecPath at = SpecPath.ROOT.key("sweep");
      problems.add(sources.keyAt(at), at, "the sweep expands to " + count(count) + " trials, above the limit",
          "at most " + maxTrials + " trials", count(count) + " trials",
          "sweep fewer values, or raise the limit with --max-trials " + count);
      expandable = false;
    }

    SweptValues swept = new SweptValues(sweep);
    MatchPlanner matches = new MatchPlanner(catalog, sources, resolver);
    Optional<List<MatchPlanner.ResolvedOpponent>> opponents = Optional.of(List.of());
    if (spec.match().isPresent()) {
      opponents = matches.check(spec, document.root(), swept, problems);
      expandable &= opponents.isPresent();
      swept.withMatch(spec.match().get());
    }
    FigureChecks.check(spec.figures(), swept, problems);
    ClaimChecks.check(spec.expect(), swept, problems);

    if (!expandable) {
      return new PlanResult(Optional.empty(), problems.sorted());
    }
    SweepExpander.Expansion expansion = new SweepExpander(resolver).expand(spec.trialBase(), sweep);
    expansion.problems().forEach(p -> report(p, problems));
    if (!problems.isEmpty() || !matches.checkPlayers(spec, expansion.trials(), problems)) {
      return new PlanResult(Optional.empty(), problems.sorted());
    }
    List<TrialSpec> trials = expansion.trials();
    if (spec.match().isPresent()) {
      trials = matches.games(spec, trials, opponents.get(), problems, maxTrials);
      if (!problems.isEmpty()) {
        return new PlanResult(Optional.empty(), problems.sorted());
      }
    }
    String specHash = CanonicalJson.id(JsonNodeFactory.instance.textNode(document.text()));
    return new PlanResult(Optional.of(new ExperimentPlan(document, spec, specHash, sweptPaths(sweep), trials)), List.of());
  }

  /** The paths varied by grid, zip and random search, in declaration order. */
  private static List<String> sweptPaths(SweepDefinition sweep) {
    List<String> swept = new ArrayList<>();
    sweep.grid().forEach(a -> swept.add(a.path()));
    sweep.zip().forEach(a -> swept.add(a.path()));
    sweep.random().ifPresent(r -> r.parameters().forEach(p -> swept.add(p.path())));
    return swept;
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

  private boolean checkPluginId(PluginKind kind, ExperimentSpec.Plugin plugin, SourceMap sources, ProblemList problems) {
    if (plugin.id().isEmpty()) {
      return false; // missing or mistyped: the schema said so
    }
    String id = plugin.id().get();
    if (catalog.find(kind, id).isPresent()) {
      return true;
    }
    SpecPath path = SpecPath.ROOT.key(kind.label()).key("id");
    Set<String> known = catalog.byKind(kind).keySet();
    problems.add(sources.valueAt(path), path, "unknown " + kind.label() + " '" + id + "'",
        "one of " + String.join(", ", catalog.specIds(kind)), "'" + id + "'",
        catalog.familyHint(kind, id).or(() -> Optional.ofNullable(Suggestions.hint(id, known))).orElse("`rlx describe` lists them"));
    return false;
  }

  // ---- what a sweep path may address

  /**
   * A swept path must address something a trial can vary: a plugin id, a parameter declared
   * by one of the plugins the sweep can select, or a budget/evaluation setting.
   */
  private void checkSweepPaths(ExperimentSpec spec, ProblemList problems) {
    SweepDefinition sweep = spec.sweep();
    Map<PluginKind, Set<String>> candidates = new LinkedHashMap<>();
    for (PluginKind kind : PluginKind.values()) {
      Set<String> ids = new LinkedHashSet<>();
      plugin(spec, kind).id().ifPresent(ids::add);
      String idPath = kind.label() + ".id";
      sweep.variants().forEach(v -> v.overrides().stream().filter(o -> o.path().equals(idPath))
          .forEach(o -> ids.add(o.value().value().asText())));
      sweep.grid().stream().filter(a -> a.path().equals(idPath)).forEach(a -> a.values().forEach(x -> ids.add(x.value().asText())));
      sweep.zip().stream().filter(a -> a.path().equals(idPath)).forEach(a -> a.values().forEach(x -> ids.add(x.value().asText())));
      candidates.put(kind, ids);
    }
    Set<String> addressable = new TreeSet<>();
    List<ParameterSpace> open = new ArrayList<>(); // spaces that take undeclared parameters (environment.params)
    for (PluginKind kind : PluginKind.values()) {
      addressable.add(kind.label() + ".id");
      for (String id : candidates.get(kind)) {
        catalog.find(kind, id).ifPresent(d -> d.parameters().names()
            .forEach(n -> addressable.add(kind.label() + ".params." + n)));
        catalog.find(kind, id).filter(d -> d.parameters().openDoc().isPresent())
            .ifPresent(d -> open.add(d.parameters()));
      }
    }
    for (String section : List.of("budget", "evaluation")) {
      schema.schemaTree().path("properties").path(section).path("properties").fieldNames()
          .forEachRemaining(name -> addressable.add(section + "." + name));
    }
    List<Origin> keyOrigins = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    sweep.grid().forEach(a -> { paths.add(a.path()); keyOrigins.add((Origin) a.origin()); });
    sweep.zip().forEach(a -> { paths.add(a.path()); keyOrigins.add((Origin) a.origin()); });
    sweep.random().ifPresent(r -> r.parameters().forEach(p -> { paths.add(p.path()); keyOrigins.add((Origin) p.origin()); }));
    sweep.variants().forEach(v -> v.overrides().forEach(o -> { paths.add(o.path()); keyOrigins.add((Origin) o.origin()); }));
    for (int i = 0; i < paths.size(); i++) {
      String path = paths.get(i);
      String undeclared = path.startsWith("environment.params.") ? path.substring("environment.params.".length()) : "";
      if (addressable.contains(path) || open.stream().anyMatch(space -> space.acceptsUndeclared(undeclared))) {
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
  private void checkRandomRanges(ExperimentSpec experiment, ProblemList problems) {
    SweepDefinition sweep = experiment.sweep();
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
            ? plugin(experiment, kind).id().flatMap(id -> catalog.find(kind, id)).flatMap(d -> d.parameters().get(p.path().substring(prefix.length())))
            : Optional.empty();
        if (spec.isEmpty()) {
          continue;
        }
        List<Object> ends = p.distribution().bounds().stream().map(SpecValues::toJava).toList();
        List<Object> outside = ends.stream().filter(v -> spec.get().check(v).isPresent()).toList();
        if (!outside.isEmpty()) {
          Origin at = (Origin) p.origin();
          problems.add(at.position(), at.path(), "the random range reaches values '" + spec.get().name() + "' does not accept",
              "values " + spec.get().rangeText(), ends.toString(), null);
        }
      }
    }
  }

  private static ExperimentSpec.Plugin plugin(ExperimentSpec spec, PluginKind kind) {
    return kind == PluginKind.ENVIRONMENT ? spec.environment() : spec.algorithm();
  }

  private static void report(SweepProblem p, ProblemList problems) {
    if (p.origin() instanceof Origin o) {
      problems.add(o.position(), o.path(), p.message(), p.expected(), p.found(), p.hint());
    } else {
      problems.add(SourcePosition.START, p.path(), p.message(), p.expected(), p.found(), p.hint());
    }
  }
}
