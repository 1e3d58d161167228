package dev.rlx.core.report.claims;

import dev.rlx.core.model.Claim;
import dev.rlx.core.report.format.ShortNumber;
import java.util.List;

/** {@code u_shape}: the lowest mean lies strictly inside the swept range, both ends above it. */
public final class UShapeClaimCheck implements ClaimCheck<Claim.UShape> {

  @Override
  public Verdict judge(Claim.UShape claim, String subject, String by, List<GroupMean> groups) {
    int argmin = 0;
    for (int i = 1; i < groups.size(); i++) {
      if (groups.get(i).mean() < groups.get(argmin).mean()) {
        argmin = i;
      }
    }
    boolean passed = groups.size() >= 3 && argmin > 0 && argmin < groups.size() - 1;
    GroupMean lowest = groups.get(argmin);
    return new Verdict(passed, subject + " is U-shaped along " + by, "minimum at " + lowest.label() + " ("
        + ShortNumber.of(lowest.mean()) + ")" + (passed ? ", inside the range" : ", at an end of the range"));
  }
}
