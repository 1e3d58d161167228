package dev.rlx.core.report.claims;

import dev.rlx.core.model.Claim;
import dev.rlx.core.report.format.ShortNumber;
import java.util.List;

/** {@code monotone}: the mean never falls (or never rises) from one group to the next. */
public final class MonotoneClaimCheck implements ClaimCheck<Claim.Monotone> {

  @Override
  public Verdict judge(Claim.Monotone claim, String subject, String by, List<GroupMean> groups) {
    boolean increasing = claim.increasing();
    String firstBreak = null;
    for (int i = 1; i < groups.size() && firstBreak == null; i++) {
      double previous = groups.get(i - 1).mean();
      double current = groups.get(i).mean();
      if (increasing ? current < previous : current > previous) {
        firstBreak = groups.get(i - 1).label() + " → " + groups.get(i).label() + ": " + ShortNumber.of(previous)
            + " → " + ShortNumber.of(current);
      }
    }
    String stated = subject + " " + (increasing ? "increases" : "decreases") + " along " + by;
    return new Verdict(firstBreak == null, stated, firstBreak == null ? "it does" : "it does not at " + firstBreak);
  }
}
