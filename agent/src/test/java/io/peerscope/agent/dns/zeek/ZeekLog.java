package io.peerscope.agent.dns.zeek;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a log in Zeek's tab-separated ASCII format: {@code #fields} names the columns, {@code -}
 * is unset (null here), {@code (empty)} an empty value, vectors are joined by {@code ,}, and
 * separators inside values are written {@code \xHH}. The cut variant that zeek-cut writes (a
 * header line of column names without {@code #fields}) is read too.
 */
final class ZeekLog {
  private ZeekLog() {}

  static List<Map<String, String>> read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<String> fields = null;
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("#fields\t")) {
        fields = List.of(line.substring("#fields\t".length()).split("\t", -1));
        continue;
      }
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      String[] cols = line.split("\t", -1);
      if (fields == null) {
        fields = List.of(cols); // zeek-cut -m: the first line names the columns
        continue;
      }
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < fields.size() && i < cols.length; i++) {
        row.put(fields.get(i), "-".equals(cols[i]) ? null : cols[i]);
      }
      rows.add(row);
    }
    return rows;
  }

  /** A vector column's elements, unescaped; empty for unset or {@code (empty)}. */
  static List<String> vector(String value) {
    List<String> out = new ArrayList<>();
    if (value == null || value.equals("(empty)")) {
      return out;
    }
    for (String part : value.split(",", -1)) {
      out.add(unescape(part));
    }
    return out;
  }

  /** Zeek writes bytes that would break the format as {@code \xHH}. */
  static String unescape(String s) {
    if (!s.contains("\\x")) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 3 < s.length() && s.charAt(i + 1) == 'x') {
        sb.append((char) Integer.parseInt(s.substring(i + 2, i + 4), 16));
        i += 3;
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
