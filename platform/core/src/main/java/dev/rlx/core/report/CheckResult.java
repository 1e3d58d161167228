package dev.rlx.core.report;

import java.util.List;

/**
 * The verdict of one {@code expect} item: whether the claim held, the claim in words, and the
 * numbers behind the verdict.
 */
public record CheckResult(int index, boolean passed, String claim, String verdict, List<String> evidence) {
  public CheckResult {
    evidence = List.copyOf(evidence);
  }

  /** ✓ or ✗, the claim, the verdict, then one line per group. */
  public String render() {
    StringBuilder out = new StringBuilder();
    out.append(passed ? "✓" : "✗").append(" expect[").append(index).append("] ").append(claim).append(": ").append(verdict);
    evidence.forEach(line -> out.append("\n    ").append(line));
    return out.toString();
  }
}
