package dev.rlx.core.report.claims;

import dev.rlx.core.model.Claim;
import dev.rlx.core.report.format.ShortNumber;
import java.util.List;

/** {@code within}: every group's mean (or group {@code at}'s) lies in [low, high]. */
public final class WithinClaimCheck implements ClaimCheck<Claim.Within> {

  @Override
  public Verdict judge(Claim.Within claim, String subject, String by, List<GroupMean> groups) {
    double lo = claim.low();
    double hi = claim.high();
    List<GroupMean> judged = claim.at().isPresent()
        ? GroupMean.find(groups, claim.at().get().value()).map(List::of).orElse(List.of()) : groups;
    String stated = subject + (claim.at().isPresent() ? " at " + OrderingClaimCheck.text(claim.at()) : "")
        + " lies within [" + ShortNumber.of(lo) + ", " + ShortNumber.of(hi) + "]";
    List<String> outside = judged.stream().filter(g -> !(g.mean() >= lo && g.mean() <= hi))
        .map(g -> g.label() + " (" + ShortNumber.of(g.mean()) + ")").toList();
    boolean passed = !judged.isEmpty() && outside.isEmpty();
    return new Verdict(passed, stated, judged.isEmpty() ? "no such group has results"
        : outside.isEmpty() ? "it does" : "outside: " + String.join(", ", outside));
  }
}
