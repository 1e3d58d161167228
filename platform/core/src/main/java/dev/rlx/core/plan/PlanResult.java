package dev.rlx.core.plan;

import dev.rlx.core.spec.Problem;
import java.util.List;
import java.util.Optional;

/** A plan, or every problem that prevents one. */
public record PlanResult(Optional<ExperimentPlan> plan, List<Problem> problems) {
  public PlanResult {
    problems = List.copyOf(problems);
  }

  public boolean ok() {
    return plan.isPresent() && problems.isEmpty();
  }
}
