package io.peerscope.agent.smtp.fingerprint;

import java.util.Map;

/**
 * Rewrites the few Ruby (Onigmo) regex spellings that Recog's files use and that mean something
 * else, or nothing, in java.util.regex:
 *
 * <ul>
 *   <li>{@code \h} is a hex digit in Ruby but horizontal white space in Java;
 *   <li>POSIX brackets {@code [[:alpha:]]} are Ruby only; Java spells them {@code \p{Alpha}};
 *   <li>the inline option {@code m} is Ruby's "dot matches newline", Java's {@code s}.
 * </ul>
 *
 * <p>Ruby's {@code ^} and {@code $} always work per line; the caller compiles with {@code
 * Pattern.MULTILINE} to keep that meaning.
 */
final class RubyRegex {
  private static final Map<String, String> POSIX =
      Map.ofEntries(
          Map.entry("alpha", "\\p{Alpha}"),
          Map.entry("digit", "\\p{Digit}"),
          Map.entry("alnum", "\\p{Alnum}"),
          Map.entry("upper", "\\p{Upper}"),
          Map.entry("lower", "\\p{Lower}"),
          Map.entry("space", "\\s"),
          Map.entry("xdigit", "\\p{XDigit}"),
          Map.entry("punct", "\\p{Punct}"),
          Map.entry("print", "\\p{Print}"),
          Map.entry("graph", "\\p{Graph}"),
          Map.entry("cntrl", "\\p{Cntrl}"),
          Map.entry("blank", "\\p{Blank}"),
          Map.entry("word", "\\w"));

  private RubyRegex() {}

  static String toJava(String ruby) {
    StringBuilder out = new StringBuilder(ruby.length() + 8);
    int classDepth = 0;
    int n = ruby.length();
    for (int i = 0; i < n; i++) {
      char c = ruby.charAt(i);
      if (c == '\\' && i + 1 < n) {
        char e = ruby.charAt(i + 1);
        if (e == 'h') {
          out.append(classDepth > 0 ? "0-9a-fA-F" : "[0-9a-fA-F]");
        } else {
          out.append(c).append(e);
        }
        i++;
        continue;
      }
      if (c == '[') {
        if (classDepth > 0 && ruby.startsWith("[:", i)) {
          int end = ruby.indexOf(":]", i + 2);
          if (end > 0) {
            String name = ruby.substring(i + 2, end);
            String java = POSIX.get(name);
            if (java != null) {
              out.append(java);
              i = end + 1;
              continue;
            }
          }
        }
        classDepth++;
        out.append(c);
        // a ']' right after '[' or '[^' is a literal in both dialects
        if (i + 1 < n && ruby.charAt(i + 1) == '^') {
          out.append('^');
          i++;
        }
        if (i + 1 < n && ruby.charAt(i + 1) == ']') {
          out.append("\\]");
          i++;
        }
        continue;
      }
      if (c == ']' && classDepth > 0) {
        classDepth--;
        out.append(c);
        continue;
      }
      if (c == '(' && classDepth == 0 && ruby.startsWith("(?", i)) {
        int j = i + 2;
        StringBuilder opts = new StringBuilder("(?");
        while (j < n && "imx-".indexOf(ruby.charAt(j)) >= 0) {
          char o = ruby.charAt(j);
          opts.append(o == 'm' ? 's' : o);
          j++;
        }
        if (j > i + 2 && j < n && (ruby.charAt(j) == ')' || ruby.charAt(j) == ':')) {
          out.append(opts);
          i = j - 1;
          continue;
        }
      }
      out.append(c);
    }
    return out.toString();
  }
}
