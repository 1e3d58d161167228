package dev.rlx.core.report.claims;

import dev.rlx.core.model.Claim;
import dev.rlx.core.model.Located;
import dev.rlx.core.report.format.ShortNumber;
import dev.rlx.core.report.format.ValueLabel;
import java.util.List;
import java.util.Optional;

/** {@code ordering}: group {@code higher}'s mean exceeds group {@code lower}'s, by at least {@code margin}. */
public final class OrderingClaimCheck implements ClaimCheck<Claim.Ordering> {

  @Override
  public Verdict judge(Claim.Ordering claim, String subject, String by, List<GroupMean> groups) {
    Optional<GroupMean> higher = claim.higher().flatMap(h -> GroupMean.find(groups, h.value()));
    Optional<GroupMean> lower = claim.lower().flatMap(l -> GroupMean.find(groups, l.value()));
    double margin = claim.margin();
    String stated = subject + " of " + text(claim.higher()) + " exceeds " + text(claim.lower())
        + (margin > 0 ? " by at least " + ShortNumber.of(margin) : "");
    if (higher.isEmpty() || lower.isEmpty()) {
      return new Verdict(false, stated, "a group has no results");
    }
    double gap = higher.get().mean() - lower.get().mean();
    return new Verdict(gap >= margin && gap > 0, stated, "the difference is " + ShortNumber.of(gap));
  }

  /** A named group as the spec wrote it ("?" when missing). */
  static String text(Optional<Located> value) {
    return value.map(v -> ValueLabel.of(v.value())).orElse("?");
  }
}
