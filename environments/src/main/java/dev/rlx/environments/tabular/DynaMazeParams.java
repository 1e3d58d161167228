package dev.rlx.environments.tabular;

import dev.rlx.api.Param;

/** The Dyna maze of Sutton &amp; Barto Fig. 8.2 and its blocking/shortcut variants (Fig. 8.4–8.5). */
public record DynaMazeParams(
    @Param(doc = "layout: the fixed Dyna maze, or the maze that blocks / opens a shortcut", defaultValue = "dyna")
    Layout layout,
    @Param(doc = "step at which the blocking or shortcut maze changes", defaultValue = "1000", min = 0, unit = "steps")
    int changeAtStep) {

  /** Which maze of Sutton &amp; Barto chapter 8. */
  public enum Layout {
    DYNA,
    BLOCKING,
    SHORTCUT
  }
}
