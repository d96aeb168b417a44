package io.peerscope.agent.smtp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Zeek tab-separated log: '-' is unset (null), '(empty)' is the empty string. Zeek
 * escapes non-printable bytes as \xNN, the same notation smtp.jsonl uses, so values compare as
 * they are.
 */
final class ZeekLog {
  private ZeekLog() {}

  static List<Map<String, String>> read(Path file) throws IOException {
    String[] fields = null;
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.startsWith("#fields\t")) {
        fields = line.substring(8).split("\t");
      } else if (!line.startsWith("#") && !line.isBlank() && fields != null) {
        String[] v = line.split("\t", -1);
        Map<String, String> row = new HashMap<>();
        for (int i = 0; i < fields.length && i < v.length; i++) {
          row.put(fields[i], v[i].equals("-") ? null : v[i].equals("(empty)") ? "" : v[i]);
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
