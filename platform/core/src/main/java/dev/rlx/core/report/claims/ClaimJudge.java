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

  /** A claim kind and its check, typed together so that the dispatch needs no unchecked cast. */
  private record Judged<C extends Claim>(Class<C> kind, ClaimCheck<C> check) {
    Verdict judge(Claim claim, String subject, String by, List<GroupMean> groups) {
      return check.judge(kind.cast(claim), subject, by, groups);
    }
  }

  private final Map<Class<?>, Judged<?>> byKind = Stream.of(
          new Judged<>(Claim.Extreme.class, new ExtremeClaimCheck()),
          new Judged<>(Claim.Monotone.class, new MonotoneClaimCheck()),
          new Judged<>(Claim.Ordering.class, new OrderingClaimCheck()),
          new Judged<>(Claim.Within.class, new WithinClaimCheck()),
          new Judged<>(Claim.UShape.class, new UShapeClaimCheck()))
      .collect(Collectors.toUnmodifiableMap(Judged::kind, Function.identity()));

  public ClaimJudge() {
    List<String> unjudged = Arrays.stream(Claim.class.getPermittedSubclasses())
        .filter(kind -> !byKind.containsKey(kind)).map(Class::getSimpleName).toList();
    if (!unjudged.isEmpty()) {
      throw new IllegalStateException("no check judges the claim kinds " + unjudged);
    }
  }

  public Verdict judge(Claim claim, String subject, String by, List<GroupMean> groups) {
    return byKind.get(claim.getClass()).judge(claim, subject, by, groups);
  }
}
