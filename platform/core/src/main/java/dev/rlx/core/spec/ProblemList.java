package dev.rlx.core.spec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The problems found in one spec file, without repeats (a bad base value would otherwise be
 * reported once per trial), sorted by position for output.
 */
public final class ProblemList {

  private final String file;
  private final Set<Problem> problems = new LinkedHashSet<>();

  public ProblemList(String file) {
    this.file = file;
  }

  public String file() {
    return file;
  }

  public void add(SourcePosition position, SpecPath path, String message, String expected, String found, String hint) {
    add(position, path.isRoot() ? "" : path.display(), message, expected, found, hint);
  }

  public void add(SourcePosition position, String path, String message, String expected, String found, String hint) {
    problems.add(new Problem(file, position, path, message, expected, found, hint));
  }

  public boolean isEmpty() {
    return problems.isEmpty();
  }

  public int size() {
    return problems.size();
  }

  /** In file order. */
  public List<Problem> sorted() {
    List<Problem> list = new ArrayList<>(problems);
    list.sort(Comparator.comparingInt((Problem p) -> p.position().line())
        .thenComparingInt(p -> p.position().column()));
    return list;
  }
}
