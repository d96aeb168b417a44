package io.peerscope.agent.smtp.fingerprint;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * One line of {@code config/eol.yaml}: a product generation and the day its vendor's support
 * ended (or ends).
 *
 * @param versionMin inclusive lower bound, or null
 * @param versionMax exclusive upper bound, or null
 * @param attributes fingerprint attributes that must be present with these values (for example
 *     {@code exchange.generation: 2000-2003})
 */
public record EolEntry(
    String name,
    String vendor,
    String product,
    String versionMin,
    String versionMax,
    Map<String, String> attributes,
    LocalDate endOfSupport,
    String reference) {

  public EolEntry {
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }

  /** True when support had ended at {@code when} (capture time, not the wall clock). */
  public boolean endedBy(Instant when) {
    return !when.isBefore(endOfSupport.atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  boolean appliesTo(SoftwareMatch m) {
    if (!vendor.equalsIgnoreCase(nullToEmpty(m.vendor())) || !product.equalsIgnoreCase(nullToEmpty(m.product()))) {
      return false;
    }
    for (Map.Entry<String, String> a : attributes.entrySet()) {
      if (!a.getValue().equals(m.attributes().get(a.getKey()))) {
        return false;
      }
    }
    if (versionMin == null && versionMax == null) {
      return true;
    }
    String v = m.version();
    if (!VersionComparator.isComparable(v)) {
      return false;
    }
    if (versionMin != null && VersionComparator.INSTANCE.compare(v, versionMin) < 0) {
      return false;
    }
    return versionMax == null || VersionComparator.INSTANCE.compare(v, versionMax) < 0;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
