package dev.rlx.core.report.claims;

import dev.rlx.core.model.Claim;
import dev.rlx.core.report.format.ShortNumber;
import java.util.List;

/** {@code argmax_in} / {@code argmin_in}: the group with the highest (lowest) mean is one of those allowed. */
public final class ExtremeClaimCheck implements ClaimCheck<Claim.Extreme> {

  @Override
  public Verdict judge(Claim.Extreme claim, String subject, String by, List<GroupMean> groups) {
    boolean max = claim.highest();
    GroupMean best = groups.get(0);
    for (GroupMean g : groups) {
      if (max ? g.mean() > best.mean() : g.mean() < best.mean()) {
        best = g;
      }
    }
    GroupMean found = best;
    boolean passed = claim.allowed().stream().anyMatch(a -> found.isNamed(a.value()));
    String extreme = max ? "highest" : "lowest";
    return new Verdict(passed, subject + " is " + extreme + " at " + by + " in " + claim.allowedText(),
        extreme + " at " + best.label() + " (" + ShortNumber.of(best.mean()) + ")");
  }
}
