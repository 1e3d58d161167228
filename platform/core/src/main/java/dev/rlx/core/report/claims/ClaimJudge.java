package dev.rlx.core.report.claims;

import dev.rlx.core.model.Claim;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Hands each claim to the check for its kind: the one place claims are dispatched. */
public final class ClaimJudge {

  private final Map<Class<?>, ClaimCheck<?>> checks;

  public ClaimJudge() {
    this(new ExtremeClaimCheck(), new MonotoneClaimCheck(), new OrderingClaimCheck(), new WithinClaimCheck(),
        new UShapeClaimCheck());
  }

  ClaimJudge(ClaimCheck<?>... checks) {
    this.checks = Stream.of(checks).collect(Collectors.toUnmodifiableMap(ClaimCheck::kind, Function.identity()));
    List<String> unjudged = Arrays.stream(Claim.class.getPermittedSubclasses())
        .filter(kind -> !this.checks.containsKey(kind)).map(Class::getSimpleName).toList();
    if (!unjudged.isEmpty()) {
      throw new IllegalStateException("no check judges the claim kinds " + unjudged);
    }
  }

  public Verdict judge(Claim claim, String subject, String by, List<GroupMean> groups) {
    return judgeWith(checks.get(claim.getClass()), claim, subject, by, groups);
  }

  private static <C extends Claim> Verdict judgeWith(ClaimCheck<C> check, Claim claim, String subject, String by,
      List<GroupMean> groups) {
    return check.judge(check.kind().cast(claim), subject, by, groups);
  }
}
