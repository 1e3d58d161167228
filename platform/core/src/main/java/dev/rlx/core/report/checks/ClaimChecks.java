package dev.rlx.core.report.checks;

import dev.rlx.core.model.Check;
import dev.rlx.core.model.Claim;
import dev.rlx.core.model.Located;
import dev.rlx.core.spec.ProblemList;
import java.util.List;

/**
 * A claim must state exactly one thing about groups the sweep makes: its {@code by},
 * {@code best_over} and {@code where} paths swept, and every group it names a value the sweep
 * gives.
 */
public final class ClaimChecks {

  private ClaimChecks() {}

  public static void check(List<Check> checks, SweptValues swept, ProblemList problems) {
    for (Check check : checks) {
      if (check.claim().isEmpty()) {
        List<String> stated = check.claimsStated();
        problems.add(check.at().position(), check.at().path(), "a check states exactly one claim",
            "one of " + String.join(", ", Claim.KEYS), stated.isEmpty() ? "none" : String.join(" and ", stated), null);
        continue;
      }
      Claim claim = check.claim().get();
      for (Check.Filter filter : check.where()) {
        if (swept.checkGroupKey(filter.path(), filter.value().at(), problems)) {
          swept.checkTaken(filter.path(), filter.value().value(), filter.value().at(), problems);
        }
      }
      if (check.by().isEmpty()) {
        if (!(claim instanceof Claim.Within)) {
          problems.add(check.at().position(), check.byAt().path(), "'" + claim.key() + "' compares groups, so it needs 'by'",
              "a swept path or 'variant'" + swept.oneOf(": "), "no 'by'", null);
        }
        continue;
      }
      check.bestOver().flatMap(Check.BestOver::path)
          .ifPresent(path -> swept.checkGroupKey(path.value(), path.at(), problems));
      Located by = check.by().get();
      if (!swept.checkGroupKey(by.value(), by.at(), problems) || swept.values(by.value().asText()) == null) {
        continue; // not swept (reported), or random search: its values are not known in advance
      }
      for (Located named : claim.groupsNamed()) {
        swept.checkTaken(by.value().asText(), named.value(), named.at(), problems);
      }
    }
  }
}
