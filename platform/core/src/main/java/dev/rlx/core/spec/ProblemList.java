package dev.rlx.core.spec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The problems found in one spec file, one per place and kind of mistake (a bad base value
 * would otherwise be reported once per trial, a bad random range once per sample), sorted by
 * position for output.
 */
public final class ProblemList {

  private final String file;
  private record Key(SourcePosition position, String path, String message) {}

  private final Map<Key, Problem> problems = new LinkedHashMap<>();

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
    problems.putIfAbsent(new Key(position, path, message), new Problem(file, position, path, message, expected, found, hint));
  }

  public boolean isEmpty() {
    return problems.isEmpty();
  }

  public int size() {
    return problems.size();
  }

  /** In file order. */
  public List<Problem> sorted() {
    List<Problem> list = new ArrayList<>(problems.values());
    list.sort(Comparator.comparingInt((Problem p) -> p.position().line())
        .thenComparingInt(p -> p.position().column()));
    return list;
  }
}
