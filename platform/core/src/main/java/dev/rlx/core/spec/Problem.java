package dev.rlx.core.spec;

/**
 * One thing wrong with a spec: where (file, line, column, dotted path), what, what was
 * expected and what was found, and a hint such as "did you mean 'gae_lambda'?".
 *
 * @param file the file as the user named it
 * @param position line and column
 * @param path the dotted path, or "" for whole-file problems
 * @param message what is wrong
 * @param expected what would be right, or null
 * @param found what was there, or null
 * @param hint a suggestion, or null
 */
public record Problem(
    String file, SourcePosition position, String path, String message, String expected, String found, String hint) {

  /** {@code file:line:col: path: message: expected …, found …; hint}. */
  public String render() {
    StringBuilder out = new StringBuilder();
    out.append(file).append(':').append(position.line()).append(':').append(position.column()).append(": ");
    if (!path.isEmpty()) {
      out.append(path).append(": ");
    }
    out.append(message);
    if (expected != null) {
      out.append(": expected ").append(expected);
      if (found != null) {
        out.append(", found ").append(found);
      }
    } else if (found != null) {
      out.append(": found ").append(found);
    }
    if (hint != null) {
      out.append("; ").append(hint);
    }
    return out.toString();
  }
}
