package dev.rlx.cli.console;

import java.io.PrintWriter;
import java.util.List;

/** Plain-text tables and CSV cells for the CLI's listings. */
public final class Tables {

  private Tables() {}

  public static void print(List<String> header, List<List<String>> rows, PrintWriter out) {
    int[] widths = new int[header.size()];
    for (int i = 0; i < header.size(); i++) {
      widths[i] = header.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    line(header, widths, out);
    rows.forEach(row -> line(row, widths, out));
  }

  private static void line(List<String> cells, int[] widths, PrintWriter out) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      s.append(cells.get(i)).append(" ".repeat(widths[i] - cells.get(i).length()));
      if (i < cells.size() - 1) {
        s.append("  ");
      }
    }
    out.println(s.toString().stripTrailing());
  }

  public static String csv(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  public static String csvRow(List<String> cells) {
    return String.join(",", cells.stream().map(Tables::csv).toList());
  }

  /** A number as a table shows it: short, without losing what matters. */
  public static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format("%.6g", v).replaceAll("(\\.\\d*?)0+($|e)", "$1$2").replaceAll("\\.($|e)", "$1");
  }
}
