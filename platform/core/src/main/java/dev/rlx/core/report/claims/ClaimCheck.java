package dev.rlx.core.report.claims;

import dev.rlx.core.model.Claim;
import java.util.List;

/** How one kind of claim is judged on the means of its check's groups. */
@FunctionalInterface
public interface ClaimCheck<C extends Claim> {

  /**
   * @param subject what the check measures, e.g. {@code return (final) where lr = 0.1}
   * @param by the last segment of the grouping path ({@code all} without one)
   * @param groups the groups in order, at least one
   */
  Verdict judge(C claim, String subject, String by, List<GroupMean> groups);
}
