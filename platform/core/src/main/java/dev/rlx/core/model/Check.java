package dev.rlx.core.model;

import dev.rlx.core.spec.Origin;
import java.util.List;
import java.util.Optional;

/**
 * One {@code expect} entry: which trials and metric a claim is judged on, and the claim.
 *
 * @param at where the entry was written
 * @param metric the metric key
 * @param summary how each trial's curve becomes one number (default final)
 * @param by the swept path or 'variant' grouping trials, as written
 * @param byAt where {@code by} was written, or where it belongs when missing
 * @param where the filters selecting the trials judged, in written order
 * @param bestOver the swept path to take the best over within each group, instead of averaging
 * @param claimsStated the claim keys the entry states (exactly one when it is sound)
 * @param claim the claim, when exactly one is stated
 */
public record Check(Origin at, String metric, String summary, Optional<Located> by, Origin byAt, List<Filter> where,
    Optional<BestOver> bestOver, List<String> claimsStated, Optional<Claim> claim) {

  public Check {
    where = List.copyOf(where);
    claimsStated = List.copyOf(claimsStated);
  }

  /** The grouping path, when {@code by} was written as text. */
  public Optional<String> byPath() {
    return by.filter(b -> b.value().isTextual()).map(b -> b.value().asText());
  }

  /** One {@code where} filter: the trials whose value at {@code path} is {@code value}. */
  public record Filter(String path, Located value) {}

  /**
   * {@code best_over}: within each group, the best of the cells this path splits it into.
   *
   * @param path the swept path, as written
   * @param pickMin whether best is the lowest mean (else the highest)
   */
  public record BestOver(Optional<Located> path, boolean pickMin) {

    /** The path as text ("" when missing), as the grouping reads it. */
    public String pathText() {
      return path.map(p -> p.value().asText()).orElse("");
    }
  }
}
