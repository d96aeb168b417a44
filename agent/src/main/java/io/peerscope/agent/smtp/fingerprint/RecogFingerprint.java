package io.peerscope.agent.smtp.fingerprint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One compiled {@code <fingerprint>}: the pattern, its parameters and examples. Matching follows
 * Recog: the pattern is searched for (not anchored unless it says so), fixed parameters are taken
 * as written, positional ones from their capture group, then {@code {name}} placeholders in fixed
 * values are filled from the other parameters.
 */
public final class RecogFingerprint {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^\\s{}]+)\\}");

  private final Pattern pattern;
  private final String description;
  private final List<RecogParam> params;
  private final List<RecogExample> examples;
  private final String source;

  RecogFingerprint(
      Pattern pattern,
      String description,
      List<RecogParam> params,
      List<RecogExample> examples,
      String source) {
    this.pattern = pattern;
    this.description = description;
    this.params = List.copyOf(params);
    this.examples = List.copyOf(examples);
    this.source = source;
  }

  public String pattern() {
    return pattern.pattern();
  }

  public String description() {
    return description;
  }

  public List<RecogExample> examples() {
    return examples;
  }

  public String source() {
    return source;
  }

  /**
   * The values this fingerprint gives for {@code text}, or null when it does not match. May throw
   * {@link MatchBudget.Exceeded} when {@code text} is a budgeted view.
   */
  SoftwareMatch match(CharSequence text) {
    Matcher m = pattern.matcher(text);
    if (!m.find()) {
      return null;
    }
    Map<String, String> attrs = new LinkedHashMap<>();
    for (RecogParam p : params) {
      if (p.pos() == 0) {
        if (p.value() != null) {
          attrs.put(p.name(), p.value());
        }
      } else if (p.pos() <= m.groupCount()) {
        String g = m.group(p.pos());
        if (g != null && !g.isEmpty()) {
          attrs.put(p.name(), g);
        }
      }
    }
    interpolate(attrs);
    return SoftwareMatch.fromAttributes(attrs, description, source);
  }

  /**
   * Fills {@code {service.version}} and the like. A placeholder whose parameter is absent becomes
   * {@code -} in a CPE (the CPE spelling of "not applicable") and drops the value elsewhere, so no
   * unresolved brace ever reaches a log.
   */
  private static void interpolate(Map<String, String> attrs) {
    for (Map.Entry<String, String> e : List.copyOf(attrs.entrySet())) {
      String v = e.getValue();
      if (v.indexOf('{') < 0) {
        continue;
      }
      Matcher pm = PLACEHOLDER.matcher(v);
      StringBuilder sb = new StringBuilder();
      boolean missing = false;
      while (pm.find()) {
        String ref = attrs.get(pm.group(1));
        if (ref == null || ref.indexOf('{') >= 0) {
          missing = true;
          ref = "-";
        }
        pm.appendReplacement(sb, Matcher.quoteReplacement(ref));
      }
      pm.appendTail(sb);
      if (missing && !e.getKey().contains("cpe")) {
        attrs.remove(e.getKey());
      } else {
        attrs.put(e.getKey(), sb.toString());
      }
    }
  }
}
