package dev.rlx.core.report.checks;

import dev.rlx.core.model.Figure;
import dev.rlx.core.spec.Origin;
import dev.rlx.core.spec.ProblemList;
import dev.rlx.core.spec.Suggestions;
import java.util.List;

/** A figure must plot along a training axis or group by what the sweep varies. */
public final class FigureChecks {

  /** Axes a learning-curve figure can use. */
  public static final List<String> CURVE_AXES = List.of("env_steps", "episodes", "step", "wall_time");

  private FigureChecks() {}

  public static void check(List<Figure> figures, SweptValues swept, ProblemList problems) {
    for (Figure figure : figures) {
      figure.by().ifPresent(by -> swept.checkGroupKey(by, figure.byAt(), problems));
      Origin xAt = figure.xAt();
      if (figure.isCurve() && figure.x().isPresent() && !CURVE_AXES.contains(figure.x().get())) {
        String x = figure.x().get();
        problems.add(xAt.position(), xAt.path(), "not a training axis",
            "one of " + String.join(", ", CURVE_AXES), "'" + x + "'", Suggestions.hint(x, CURVE_AXES));
      } else if (figure.isFinal()) {
        if (figure.x().isEmpty()) {
          problems.add(figure.at().position(), xAt.path(), "a final figure needs an x axis",
              "a swept path" + swept.oneOf(", "), "no x", null);
        } else {
          swept.checkGroupKey(figure.x().get(), xAt, problems);
        }
      }
    }
  }
}
