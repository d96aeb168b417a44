package io.peerscope.agent.smtp.fingerprint;

import java.util.Map;

/**
 * What a fingerprint says about a server: the service (vendor, product, version, family), the
 * operating system when the banner reveals it, the CPE when the fingerprint names one, the
 * fingerprint's description and the file it came from. Names follow Recog's vocabulary
 * ({@code service.vendor}, {@code os.product}, ...) so that the project's own knowledge base, an
 * operator's files and Recog's files all describe a product the same way. Any field may be null.
 *
 * @param attributes every parameter the fingerprint produced, by Recog name (includes the fields
 *     above and extras such as {@code host.name}); values come from the wire and are hostile
 */
public record SoftwareMatch(
    String vendor,
    String product,
    String version,
    String family,
    String osVendor,
    String osFamily,
    String osProduct,
    String osVersion,
    String cpe,
    String description,
    String source,
    Map<String, String> attributes) {

  public SoftwareMatch {
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }

  /** Builds a match from Recog parameter names. */
  public static SoftwareMatch fromAttributes(
      Map<String, String> attrs, String description, String source) {
    String cpe = attrs.get("service.cpe23");
    if (cpe == null) {
      cpe = attrs.get("os.cpe23");
    }
    return new SoftwareMatch(
        attrs.get("service.vendor"),
        attrs.get("service.product"),
        attrs.get("service.version"),
        attrs.get("service.family"),
        attrs.get("os.vendor"),
        attrs.get("os.family"),
        attrs.get("os.product"),
        attrs.get("os.version"),
        cpe,
        description,
        source,
        attrs);
  }

  /** One line for logs and findings: {@code Microsoft IIS 6.0.3790.4675 (Windows)}. */
  public String label() {
    StringBuilder sb = new StringBuilder();
    append(sb, vendor);
    if (product != null && !product.equalsIgnoreCase(vendor)) {
      append(sb, product);
    }
    append(sb, version);
    if (osProduct != null) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append('(').append(osProduct);
      if (osVersion != null) {
        sb.append(' ').append(osVersion);
      }
      sb.append(')');
    }
    return sb.toString();
  }

  private static void append(StringBuilder sb, String s) {
    if (s == null || s.isEmpty()) {
      return;
    }
    if (sb.length() > 0) {
      sb.append(' ');
    }
    sb.append(s);
  }
}
