package dev.rlx.cli.inspect;

import dev.rlx.api.ParameterSpec;
import dev.rlx.api.PluginDescriptor;
import dev.rlx.api.PluginKind;
import dev.rlx.cli.console.ExitCode;
import dev.rlx.cli.console.Subcommand;
import dev.rlx.core.plugins.PluginCatalog;
import dev.rlx.core.spec.Suggestions;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "describe",
    header = "List the registered plugins, or one plugin's parameters.",
    description = {
        "",
        "Without an id: every algorithm and environment on the classpath, with a summary.",
        "With an id: its parameters (YAML name, type, default, valid range, description).",
        "",
        "Examples:",
        "  rlx describe",
        "  rlx describe ppo",
        "  rlx describe CartPole-v1",
        "  rlx describe gymnasium",
        ""},
    exitCodeList = {"0:described", "2:no plugin has that id"})
public final class DescribeCommand extends Subcommand {

  @Parameters(arity = "0..1", paramLabel = "ID", description = "An algorithm or environment id.")
  String id;

  private final PluginCatalog catalog;

  @Inject
  DescribeCommand(PluginCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public ExitCode call() {
    PrintWriter out = out();
    if (id == null) {
      for (PluginKind kind : PluginKind.values()) {
        out.println(kind == PluginKind.ALGORITHM ? "Algorithms:" : "Environments:");
        int width = catalog.specIds(kind).stream().mapToInt(String::length).max().orElse(0);
        catalog.byKind(kind).values().forEach(d -> out.printf("  %-" + width + "s  %s%s%n", d.specId(), d.summary(),
            d.implementation().isPresent() ? "" : " [declared only: validates and plans, cannot run yet]"));
        out.println();
      }
      out.println("`rlx describe <id>` shows a plugin's parameters.");
      return ExitCode.OK;
    }
    List<PluginDescriptor> matches = new ArrayList<>();
    for (PluginKind kind : PluginKind.values()) {
      // a family by its bare prefix too: `rlx describe gymnasium`
      catalog.find(kind, id).or(() -> catalog.familyHint(kind, id).map(h -> catalog.byKind(kind).get(id.replace(":", ""))))
          .ifPresent(matches::add);
    }
    if (matches.isEmpty()) {
      List<String> all = new ArrayList<>();
      for (PluginKind kind : PluginKind.values()) {
        all.addAll(catalog.specIds(kind));
      }
      String hint = Optional.ofNullable(Suggestions.hint(id, all)).map(h -> " (" + h + ")").orElse("");
      err().println("rlx: no algorithm or environment '" + id + "'" + hint
          + "; registered: " + String.join(", ", all));
      return ExitCode.INVALID_INPUT;
    }
    matches.forEach(d -> describe(d, out));
    return ExitCode.OK;
  }

  private static void describe(PluginDescriptor d, PrintWriter out) {
    out.printf("%s (%s): %s%n", d.specId(), d.kind().label(), d.summary());
    out.printf("Reference: %s%n", d.reference());
    out.printf("Runs: %s%n%n", d.implementation().map(c -> "yes (" + c.getSimpleName() + ", " + d.isolation().name().toLowerCase(java.util.Locale.ROOT)
        + " isolation by default)").orElse("not yet: declared so specs validate and plan; `rlx sweep` refuses it"));
    List<ParameterSpec> params = d.parameters().parameters();
    if (params.isEmpty()) {
      out.println("No parameters.");
      d.parameters().openDoc().ifPresent(doc -> out.printf("Any other parameter: %s.%n", doc));
      return;
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"parameter", "type", "default", "valid", "description"});
    for (ParameterSpec p : params) {
      String unit = p.unit().isEmpty() ? "" : " (" + p.unit() + ")";
      rows.add(new String[] {
          p.name(), p.type().yamlName(), ParameterSpec.describe(p.defaultValue()).replace(" (a string)", "").replace("\"", ""),
          p.rangeText(), p.doc() + unit + (d.parameters().isRunSetting(p.name()) ? " [run setting: not part of the trial id]" : "")});
    }
    int[] widths = new int[4];
    for (String[] row : rows) {
      for (int i = 0; i < 4; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      out.printf("  %-" + widths[0] + "s  %-" + widths[1] + "s  %-" + widths[2] + "s  %-" + widths[3] + "s  %s%n",
          (Object[]) row);
    }
    d.parameters().openDoc().ifPresent(doc -> out.printf("%nAny other parameter (an identifier): %s.%n", doc));
    out.printf("%nIn a spec: %s.params.<parameter>; sweep as %s.params.<parameter>.%n", d.kind().label(), d.kind().label());
  }
}
