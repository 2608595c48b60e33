package io.ndj.notebook;

import io.ndj.NdArray;
import java.util.ArrayList;
import java.util.List;

/**
 * A 2-d array as an HTML table whose cells are NumPy's own text for each element (the same widths
 * and precision as {@code print(x)}), truncated where NumPy truncates: past 1000 elements only the
 * first and last three rows and columns, with ⋯ and ⋮ between.
 */
final class ArrayHtml {
  private ArrayHtml() {}

  static String table(NdArray x) {
    List<List<String>> rows = rows(x.toString());
    StringBuilder b = new StringBuilder();
    b.append("<table class=\"ndj-array\" title=\"")
        .append(x.dtype())
        .append(' ')
        .append(x.shape())
        .append("\">");
    for (List<String> row : rows) {
      b.append("<tr>");
      for (String cell : row) {
        String text = cell.equals("...") ? (row.size() == 1 ? "⋮" : "⋯") : escape(cell);
        b.append("<td style=\"text-align:right;font-family:monospace\">")
            .append(text)
            .append("</td>");
      }
      b.append("</tr>");
    }
    return b.append("</table>").toString();
  }

  /**
   * The elements of each row of a 2-d array's printed text: rows end at "]", a row wrapped past
   * NumPy's line width continues on the next line, and " ..." alone is the elided rows.
   */
  static List<List<String>> rows(String printed) {
    String body = printed.strip();
    body = body.substring(1, body.length() - 1); // the outer brackets
    List<List<String>> rows = new ArrayList<>();
    List<String> current = null;
    for (String line : body.split("\n")) {
      String t = line.strip();
      if (t.isEmpty()) {
        continue;
      }
      if (t.equals("...")) {
        rows.add(List.of("..."));
        continue;
      }
      if (t.startsWith("[")) {
        current = new ArrayList<>();
        rows.add(current);
        t = t.substring(1);
      }
      boolean ends = t.endsWith("]");
      if (ends) {
        t = t.substring(0, t.length() - 1);
      }
      for (String tok : t.strip().split("\\s+")) {
        if (!tok.isEmpty() && current != null) {
          current.add(tok);
        }
      }
    }
    return rows;
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
