package io.peerscope.agent.log;

import java.util.List;

/**
 * Builds one JSON object as one line, field by field, into a reused buffer: the log writers' fast
 * path, with no reflection and no tree. Strings from the wire are hostile, so escaping is complete:
 * quote, backslash and every control character (RFC 8259 section 7), U+2028/U+2029 (they end a
 * line in JavaScript) and unpaired surrogates (they have no UTF-8 form; escaped, the line stays
 * valid UTF-8 and the code unit is still visible). Not thread-safe: one per writer.
 */
public final class JsonLine {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final StringBuilder sb = new StringBuilder(512);
  private boolean first = true;

  /** Starts a new object, discarding the previous one. */
  public JsonLine begin() {
    sb.setLength(0);
    sb.append('{');
    first = true;
    return this;
  }

  /** Closes the object; {@link #text()} is then one complete line without its newline. */
  public JsonLine end() {
    sb.append('}');
    return this;
  }

  public CharSequence text() {
    return sb;
  }

  public JsonLine string(String name, String value) {
    key(name);
    if (value == null) {
      sb.append("null");
    } else {
      appendString(sb, value);
    }
    return this;
  }

  public JsonLine number(String name, long value) {
    key(name);
    sb.append(value);
    return this;
  }

  public JsonLine number(String name, Number value) {
    key(name);
    sb.append(value == null ? "null" : value.toString());
    return this;
  }

  public JsonLine bool(String name, boolean value) {
    key(name);
    sb.append(value);
    return this;
  }

  /** Microseconds as seconds with exactly six decimals, a JSON number (log timestamps, durations). */
  public JsonLine seconds(String name, long micros) {
    key(name);
    appendSeconds(sb, micros);
    return this;
  }

  /** As {@link #seconds(String, long)}, or null. */
  public JsonLine seconds(String name, Long micros) {
    if (micros == null) {
      key(name);
      sb.append("null");
      return this;
    }
    return seconds(name, micros.longValue());
  }

  public JsonLine strings(String name, List<String> values) {
    key(name);
    sb.append('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      String v = values.get(i);
      if (v == null) {
        sb.append("null");
      } else {
        appendString(sb, v);
      }
    }
    sb.append(']');
    return this;
  }

  public JsonLine numbers(String name, List<? extends Number> values) {
    key(name);
    sb.append('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      Number v = values.get(i);
      sb.append(v == null ? "null" : v.toString());
    }
    sb.append(']');
    return this;
  }

  private void key(String name) {
    if (!first) {
      sb.append(',');
    }
    first = false;
    appendString(sb, name);
    sb.append(':');
  }

  static void appendSeconds(StringBuilder sb, long micros) {
    if (micros < 0) {
      sb.append('-');
      micros = -micros;
    }
    long frac = micros % 1_000_000;
    sb.append(micros / 1_000_000).append('.');
    for (long d = 100_000; d > 0; d /= 10) {
      sb.append((char) ('0' + frac / d % 10));
    }
  }

  /** Appends {@code s} as a quoted JSON string. */
  public static void appendString(StringBuilder sb, String s) {
    sb.append('"');
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
            unicodeEscape(sb, c);
          } else if (Character.isHighSurrogate(c)) {
            if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
              sb.append(c).append(s.charAt(++i));
            } else {
              unicodeEscape(sb, c);
            }
          } else if (Character.isLowSurrogate(c)) {
            unicodeEscape(sb, c);
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  private static void unicodeEscape(StringBuilder sb, char c) {
    sb.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
  }
}
