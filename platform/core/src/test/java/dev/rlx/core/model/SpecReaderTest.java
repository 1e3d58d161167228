package dev.rlx.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rlx.core.spec.ProblemList;
import dev.rlx.core.spec.SourcePosition;
import dev.rlx.core.spec.YamlDocument;
import dev.rlx.core.spec.YamlDocumentReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The spec read into records: defaults where a section leaves a value out, positions where problems point. */
class SpecReaderTest {

  private static ExperimentSpec read(String yaml) {
    ProblemList problems = new ProblemList("spec.yaml");
    YamlDocument document = new YamlDocumentReader()
        .parse(yaml.getBytes(StandardCharsets.UTF_8), "spec.yaml", problems).orElseThrow();
    return SpecReader.read(document);
  }

  @Test
  void sectionsLeftOutReadAsTheirDefaults() {
    ExperimentSpec spec = read("name: bare\nenvironment: {id: random-walk}\nalgorithm: {id: td-lambda}\nbudget: {episodes: 1}\n");
    assertThat(spec.name()).isEqualTo("bare");
    assertThat(spec.description()).isEmpty();
    assertThat(spec.reference()).isEmpty();
    assertThat(spec.environment().id()).contains("random-walk");
    assertThat(spec.resources()).isEqualTo(new ExperimentSpec.Resources(1, 0, Optional.empty(), Optional.empty(), 0, Optional.empty()));
    assertThat(spec.executor().type()).isEqualTo("local");
    assertThat(spec.executor().gpuRequest()).isEqualTo("gres");
    assertThat(spec.tracking().mlflow()).isEmpty();
    assertThat(spec.sweep().seeds()).containsExactly(0L);
    assertThat(spec.figures()).isEmpty();
    assertThat(spec.expect()).isEmpty();
    assertThat(spec.trialBase().fieldNames()).toIterable().containsExactly("environment", "algorithm", "budget");
  }

  @Test
  void everySectionReadsIntoItsRecord() {
    ExperimentSpec spec = read(String.join("\n",
        "name: full",
        "description: all of it",
        "reference: {citation: 'Sutton & Barto (2018)', figure: Fig. 12.3}",
        "environment: {id: random-walk}",
        "algorithm: {id: td-lambda, params: {lambda: 0.5}}",
        "budget: {episodes: 1}",
        "sweep: {grid: {algorithm.params.alpha: [0.1, 0.2]}, seeds: 3}",
        "resources: {cpus: 2, gpus: 0.5, memory: 2g, timeout: 2h, retries: 1, isolation: thread}",
        "executor: {type: slurm, partition: gpu, max_parallel: 4, extra_args: [--exclusive]}",
        "tracking: {mlflow: {experiment: walk, enabled: false, tags: {team: rl}}}",
        ""));
    assertThat(spec.description()).contains("all of it");
    assertThat(spec.reference().orElseThrow().figure()).contains("Fig. 12.3");
    assertThat(spec.resources()).isEqualTo(new ExperimentSpec.Resources(2, 0.5, Optional.of("2g"), Optional.of("2h"), 1, Optional.of("thread")));
    assertThat(spec.executor().type()).isEqualTo("slurm");
    assertThat(spec.executor().partition()).contains("gpu");
    assertThat(spec.executor().maxParallel()).contains(4);
    assertThat(spec.executor().extraArgs()).containsExactly("--exclusive");
    ExperimentSpec.Mlflow mlflow = spec.tracking().mlflow().orElseThrow();
    assertThat(mlflow.experiment()).contains("walk");
    assertThat(mlflow.enabled()).contains(false);
    assertThat(mlflow.tags()).isEqualTo(Map.of("team", "rl"));
    assertThat(spec.sweep().grid()).singleElement().satisfies(a -> assertThat(a.path()).isEqualTo("algorithm.params.alpha"));
    assertThat(spec.sweep().seeds()).containsExactly(0L, 1L, 2L);
  }

  @Test
  void figuresAndClaimsKeepWhereTheyWereWritten() {
    ExperimentSpec spec = read(String.join("\n",
        "name: claims",
        "report:",
        "  figures:",
        "    - {kind: final, y: m, summary: mean}",
        "expect:",
        "  - {metric: m, by: variant, ordering: {higher: a, lower: b, margin: 2}}",
        "  - {metric: m, within: [0, 1], at: a, where: {variant: a}}",
        "  - {metric: m, by: variant, argmax_in: [a, b], argmin_in: [c]}",
        ""));
    Figure figure = spec.figures().get(0);
    assertThat(figure.x()).isEmpty();
    assertThat(figure.xAt().position()).isEqualTo(new SourcePosition(4, 7));
    assertThat(figure.summary()).isEqualTo("mean");
    assertThat(figure.smooth()).isEqualTo(1);

    Check ordering = spec.expect().get(0);
    assertThat(ordering.byPath()).contains("variant");
    Claim.Ordering claim = (Claim.Ordering) ordering.claim().orElseThrow();
    assertThat(claim.margin()).isEqualTo(2);
    assertThat(claim.groupsNamed()).extracting(l -> l.value().asText()).containsExactly("a", "b");
    assertThat(claim.higher().orElseThrow().at().position()).isEqualTo(new SourcePosition(6, 49));

    Check within = spec.expect().get(1);
    assertThat(within.by()).isEmpty();
    assertThat(within.byAt().path().display()).isEqualTo("expect[1].by");
    assertThat(within.claim()).containsInstanceOf(Claim.Within.class);
    assertThat(within.where()).singleElement().satisfies(f -> assertThat(f.path()).isEqualTo("variant"));

    Check two = spec.expect().get(2);
    assertThat(two.claim()).isEmpty();
    assertThat(two.claimsStated()).isEqualTo(List.of("argmax_in", "argmin_in"));
  }

  @Test
  void storedTextReadsItsTrackingAndUnreadableTextReadsAsAnEmptySpec() {
    ExperimentSpec stored = SpecReader.readStored("name: kept\ntracking:\n  mlflow: {experiment: elsewhere, enabled: false,"
        + " tags: {zeta: 1, alpha: two}}\n");
    assertThat(stored.name()).isEqualTo("kept");
    assertThat(stored.tracking().mlflowExperiment("kept")).isEqualTo("elsewhere");
    assertThat(stored.tracking().mlflowDisabled()).isTrue();
    assertThat(stored.tracking().mlflowTags()).containsExactly(Map.entry("zeta", "1"), Map.entry("alpha", "two"));

    for (String unreadable : new String[] {null, "", "name: [unclosed"}) {
      ExperimentSpec empty = SpecReader.readStored(unreadable);
      assertThat(empty.name()).isEmpty();
      assertThat(empty.tracking().mlflowExperiment("fallback")).isEqualTo("fallback");
      assertThat(empty.tracking().mlflowDisabled()).isFalse();
      assertThat(empty.tracking().mlflowTags()).isEmpty();
    }
    assertThat(SpecReader.readStored("name: n\ntracking: {mlflow: {experiment: ' '}}\n").tracking().mlflowExperiment("n"))
        .isEqualTo("n");
  }
}
