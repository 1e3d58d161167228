package dev.rlx.core.report;

import dev.rlx.core.model.Check;
import dev.rlx.core.model.Figure;
import dev.rlx.core.plan.ExperimentPlan;
import dev.rlx.core.report.format.ShortNumber;
import dev.rlx.core.report.match.BradleyTerry;
import dev.rlx.core.report.match.MatchFigures;
import dev.rlx.core.report.match.MatchResults;
import dev.rlx.core.store.ResultsStore;
import dev.rlx.core.store.SweepRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An experiment's report: its {@code expect} verdicts, each {@code report.figures} entry as
 * PNG and SVG, the group statistics as CSV, and an HTML page with all of it plus the spec and
 * where the results came from.
 */
public final class ExperimentReport {

  /** The verdicts, machine-readable: what the MLflow mirror tags the sweep's parent run with. */
  private static void writeVerdicts(List<CheckResult> checks, Path file) throws IOException {
    com.fasterxml.jackson.databind.node.ObjectNode root = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    com.fasterxml.jackson.databind.node.ArrayNode list = root.putArray("checks");
    for (CheckResult c : checks) {
      list.addObject().put("index", c.index()).put("passed", c.passed()).put("claim", c.claim()).put("verdict", c.verdict());
    }
    Files.writeString(file, root.toPrettyString() + "\n", StandardCharsets.UTF_8);
  }

  /** What was written. */
  public record Outcome(List<CheckResult> checks, Path directory, List<Path> figures, Path aggregates, Path html) {
    public boolean allHeld() {
      return checks.stream().allMatch(CheckResult::passed);
    }
  }

  private ExperimentReport() {}

  public static Outcome write(ExperimentPlan plan, ResultsStore store, Path directory) throws IOException {
    Files.createDirectories(directory);
    TrialMetrics metrics = new StoredMetrics(store, plan.name());
    ExpectChecker checker = new ExpectChecker(metrics);
    List<CheckResult> checks = checker.check(plan);

    List<Check> expect = plan.spec().expect();
    List<String> csv = new ArrayList<>(List.of("check,metric,summary,by,group,n,mean,std,ci95"));
    List<ExpectChecker.GroupedResult> grouped = new ArrayList<>();
    for (int i = 0; i < expect.size(); i++) {
      ExpectChecker.GroupedResult g = checker.groups(plan, expect.get(i));
      grouped.add(g);
      for (ExpectChecker.Group group : g.groups()) {
        csv.add(String.join(",", List.of(Integer.toString(i), csv(g.metric()), g.summary().label(), csv(g.by() == null ? "" : g.by()),
            csv(group.label()), Integer.toString(group.statistics().n()), Double.toString(group.statistics().mean()),
            Double.toString(group.statistics().std()), Double.toString(group.statistics().ci95()))));
      }
    }
    Path aggregates = directory.resolve("aggregates.csv");
    Files.write(aggregates, csv, StandardCharsets.UTF_8);
    writeVerdicts(checks, directory.resolve("verdicts.json"));

    Optional<MatchResults> match = MatchResults.isMatch(plan) ? Optional.of(ExpectChecker.matchResults(plan, metrics)) : Optional.empty();
    match.ifPresent(results -> writeMatchTables(results, directory));
    List<Path> figures = new ArrayList<>();
    List<Figure> figureSpecs = plan.spec().figures();
    for (int i = 0; i < figureSpecs.size(); i++) {
      if (MatchFigures.handles(figureSpecs.get(i))) {
        if (match.isPresent()) {
          MatchFigures.render(plan.name(), figureSpecs.get(i), match.get(), directory.resolve("figure-" + (i + 1)))
              .ifPresent(figures::add);
        }
        continue;
      }
      FigureData data = FigureData.of(plan, figureSpecs.get(i), metrics);
      if (!data.series().isEmpty()) {
        figures.add(FigureRenderer.render(data, directory.resolve("figure-" + (i + 1))));
      }
    }
    Optional<SweepRecord> sweep = store.sweeps().recent(Optional.of(plan.name()), 1).stream().findFirst();
    Path html = directory.resolve("index.html");
    Files.writeString(html, html(plan, checks, grouped, figures, sweep, match), StandardCharsets.UTF_8);
    return new Outcome(checks, directory, figures, aggregates, html);
  }

  /**
   * match.csv (every pairing's games, wins, draws, losses and score, from the first player's
   * side) and ratings.csv (each player's Bradley–Terry rating and its 95% interval).
   */
  private static void writeMatchTables(MatchResults results, Path directory) {
    List<String> pairs = new ArrayList<>(List.of("player,opponent,games,wins,draws,losses,score"));
    List<String> players = results.players();
    for (int a = 0; a < players.size(); a++) {
      for (int b = 0; b < players.size(); b++) {
        if (a != b && results.games(a, b) > 0) {
          pairs.add(String.join(",", csv(players.get(a)), csv(players.get(b)), Integer.toString(results.games(a, b)),
              Integer.toString(results.wins(a, b)), Integer.toString(results.draws(a, b)), Integer.toString(results.losses(a, b)),
              Double.toString(results.score(a, b))));
        }
      }
    }
    List<String> ratings = new ArrayList<>(List.of("player,games,rating,ci95"));
    List<BradleyTerry.Rating> fitted = results.ratings();
    for (int a = 0; a < players.size(); a++) {
      ratings.add(String.join(",", csv(players.get(a)), Integer.toString(results.gamesOf(a)),
          Double.toString(fitted.get(a).rating()), Double.toString(fitted.get(a).ci95())));
    }
    try {
      Files.write(directory.resolve("match.csv"), pairs, StandardCharsets.UTF_8);
      Files.write(directory.resolve("ratings.csv"), ratings, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The match's tables: ratings, then every pairing's results. */
  private static void matchHtml(StringBuilder h, MatchResults results) {
    List<String> players = results.players();
    List<BradleyTerry.Rating> ratings = results.ratings();
    h.append("<h2>Match</h2>\n<p>").append(results.played()).append(" games played");
    if (results.missing() > 0) {
      h.append(", ").append(results.missing()).append(" not (yet)");
    }
    h.append(". Ratings: Bradley–Terry on the Elo scale (centred on 0), 95% intervals from the Fisher information;"
        + " <a href=\"ratings.csv\">ratings.csv</a>, <a href=\"match.csv\">match.csv</a>.</p>\n");
    h.append("<table><tr><th>player</th><th>games</th><th>rating</th><th>95% CI ±</th></tr>\n");
    for (int a = 0; a < players.size(); a++) {
      h.append("<tr><td>").append(esc(players.get(a))).append("</td><td>").append(results.gamesOf(a)).append("</td><td>")
          .append(ShortNumber.of(ratings.get(a).rating())).append("</td><td>")
          .append(Double.isNaN(ratings.get(a).ci95()) ? "" : ShortNumber.of(ratings.get(a).ci95())).append("</td></tr>\n");
    }
    h.append("</table>\n<table><tr><th>player</th><th>opponent</th><th>games</th><th>wins</th><th>draws</th><th>losses</th>"
        + "<th>score</th></tr>\n");
    for (int a = 0; a < players.size(); a++) {
      for (int b = a + 1; b < players.size(); b++) {
        if (results.games(a, b) > 0) {
          h.append("<tr><td>").append(esc(players.get(a))).append("</td><td>").append(esc(players.get(b))).append("</td><td>")
              .append(results.games(a, b)).append("</td><td>").append(results.wins(a, b)).append("</td><td>")
              .append(results.draws(a, b)).append("</td><td>").append(results.losses(a, b)).append("</td><td>")
              .append(ShortNumber.of(results.score(a, b))).append("</td></tr>\n");
        }
      }
    }
    h.append("</table>\n");
  }

  private static String html(ExperimentPlan plan, List<CheckResult> checks, List<ExpectChecker.GroupedResult> grouped,
      List<Path> figures, Optional<SweepRecord> sweep, Optional<MatchResults> match) {
    StringBuilder h = new StringBuilder();
    h.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(plan.name()))
        .append(" — rlx report</title>\n<style>body{font-family:sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#222}"
            + "h1{margin-bottom:.2em}.pass{color:#067d3a}.fail{color:#b00020}table{border-collapse:collapse;margin:.5em 0}"
            + "td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}th{background:#f4f4f4}"
            + "td:first-child,th:first-child{text-align:left}pre{background:#f6f6f6;padding:1em;overflow:auto}"
            + "img{max-width:100%;border:1px solid #eee}.muted{color:#666}</style></head><body>\n");
    h.append("<h1>").append(esc(plan.name())).append("</h1>\n");
    plan.spec().description().ifPresent(d -> h.append("<p>").append(esc(d)).append("</p>\n"));
    plan.spec().reference().ifPresent(reference -> {
      h.append("<p><b>Reproduces</b> ").append(esc(reference.citation()));
      reference.figure().ifPresent(f -> h.append(", ").append(esc(f)));
      h.append(".");
      reference.claim().ifPresent(c -> h.append(" <b>Claim:</b> ").append(esc(c)));
      h.append("</p>\n");
    });
    long held = checks.stream().filter(CheckResult::passed).count();
    h.append("<h2>Verdict: ").append(checks.isEmpty() ? "no claim stated"
        : "<span class=\"" + (held == checks.size() ? "pass\">" : "fail\">") + held + " of " + checks.size() + " claims held</span>")
        .append("</h2>\n");
    for (int i = 0; i < checks.size(); i++) {
      CheckResult c = checks.get(i);
      h.append("<p class=\"").append(c.passed() ? "pass" : "fail").append("\">").append(c.passed() ? "✓ " : "✗ ")
          .append(esc(c.claim())).append(": ").append(esc(c.verdict())).append("</p>\n");
      ExpectChecker.GroupedResult g = grouped.get(i);
      h.append("<table><tr><th>").append(esc(g.by() == null ? "group" : g.by())).append("</th><th>n</th><th>mean</th><th>std</th><th>95% CI ±</th></tr>\n");
      for (ExpectChecker.Group group : g.groups()) {
        GroupStatistics s = group.statistics();
        h.append("<tr><td>").append(esc(group.label())).append("</td><td>").append(s.n()).append("</td><td>")
            .append(ShortNumber.of(s.mean())).append("</td><td>").append(ShortNumber.of(s.std()))
            .append("</td><td>").append(Double.isNaN(s.ci95()) ? "" : ShortNumber.of(s.ci95())).append("</td></tr>\n");
      }
      h.append("</table>\n");
    }
    match.ifPresent(results -> matchHtml(h, results));
    h.append("<h2>Figures</h2>\n");
    if (figures.isEmpty()) {
      h.append("<p class=\"muted\">No figure: the spec lists none in report.figures, or no trial has logged their metrics yet.</p>\n");
    }
    for (Path f : figures) {
      String name = f.getFileName().toString();
      h.append("<p><img src=\"").append(esc(name)).append("\" alt=\"").append(esc(name)).append("\"><br><span class=\"muted\">")
          .append(esc(name)).append(" · <a href=\"").append(esc(name.replace(".png", ".svg"))).append("\">SVG</a></span></p>\n");
    }
    h.append("<p class=\"muted\">Lines are means over seeds (and over other swept values); shaded bands are 95% confidence"
        + " intervals (Student's t). Group statistics: <a href=\"aggregates.csv\">aggregates.csv</a>.</p>\n");
    h.append("<h2>Provenance</h2>\n<table>");
    row(h, "trials planned", Integer.toString(plan.trials().size()));
    row(h, "spec", plan.document().file() + " (sha256 " + plan.specHash() + "…)");
    sweep.ifPresent(s -> {
      row(h, "last sweep", "#" + s.id() + ", " + s.status() + ", started " + s.startedAt() + (s.finishedAt() == null ? "" : ", finished " + s.finishedAt()));
      row(h, "rlx", s.rlxVersion());
      row(h, "git commit", s.gitCommit() == null ? "(not in git)" : s.gitCommit());
      row(h, "host", s.host());
    });
    h.append("</table>\n<h2>Spec</h2>\n<pre>").append(esc(plan.document().text())).append("</pre>\n</body></html>\n");
    return h.toString();
  }

  private static void row(StringBuilder h, String key, String value) {
    h.append("<tr><th>").append(esc(key)).append("</th><td style=\"text-align:left\">").append(esc(value)).append("</td></tr>\n");
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static String csv(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
