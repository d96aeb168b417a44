package io.peerscope.app.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table for the terminal. Cells come from the wire (names, banners), so control
 * characters are shown escaped: a DNS label holding an ANSI escape sequence must not repaint the
 * operator's terminal.
 */
public final class TextTable {
  private final String[] headers;
  private final int[] maxWidths;
  private final List<String[]> rows = new ArrayList<>();

  /** maxWidths: longer cells are cut with an ellipsis (0: never cut). */
  public TextTable(String[] headers, int[] maxWidths) {
    this.headers = headers.clone();
    this.maxWidths = maxWidths.clone();
  }

  public TextTable row(Object... cells) {
    String[] r = new String[headers.length];
    for (int i = 0; i < r.length; i++) {
      String s = safe(i < cells.length && cells[i] != null ? String.valueOf(cells[i]) : "");
      int max = maxWidths[i];
      r[i] = max > 1 && s.length() > max ? s.substring(0, max - 1) + "…" : s;
    }
    rows.add(r);
    return this;
  }

  public int size() {
    return rows.size();
  }

  public String render() {
    int[] w = new int[headers.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = headers[i].length();
      for (String[] r : rows) {
        w[i] = Math.max(w[i], r[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    line(sb, headers, w);
    String[] rule = new String[w.length];
    for (int i = 0; i < w.length; i++) {
      rule[i] = "-".repeat(w[i]);
    }
    line(sb, rule, w);
    for (String[] r : rows) {
      line(sb, r, w);
    }
    return sb.toString();
  }

  private static void line(StringBuilder sb, String[] cells, int[] w) {
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        sb.append("  ");
      }
      sb.append(cells[i]);
      if (i < cells.length - 1) {
        sb.append(" ".repeat(w[i] - cells[i].length()));
      }
    }
    sb.append('\n');
  }

  /** C0 and C1 control characters and DEL as \\uXXXX. */
  static String safe(String s) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f);
      if (control && sb == null) {
        sb = new StringBuilder(s.length() + 8).append(s, 0, i);
      }
      if (sb != null) {
        if (control) {
          sb.append(String.format("\\u%04x", (int) c));
        } else {
          sb.append(c);
        }
      }
    }
    return sb == null ? s : sb.toString();
  }
}
