package dev.rlx.core.spec;

/** A 1-based line and column in a spec file. */
public record SourcePosition(int line, int column) {

  /** Where whole-file problems point. */
  public static final SourcePosition START = new SourcePosition(1, 1);

  @Override
  public String toString() {
    return line + ":" + column;
  }
}
