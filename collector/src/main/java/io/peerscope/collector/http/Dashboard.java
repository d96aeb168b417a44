package io.peerscope.collector.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dashboard: one self-contained HTML page (inline script and style, no external assets). Its
 * Content-Security-Policy admits exactly the page's own inline script and style by hash and lets
 * it talk only to this origin, so even a rendering mistake could not run injected script.
 */
final class Dashboard {
  private static final String RESOURCE = "dashboard.html";
  private static final Pattern SCRIPT = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);
  private static final Pattern STYLE = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL);

  private final byte[] html;
  private final String contentSecurityPolicy;

  private Dashboard(byte[] html, String contentSecurityPolicy) {
    this.html = html;
    this.contentSecurityPolicy = contentSecurityPolicy;
  }

  static Dashboard load() {
    try (InputStream in = Dashboard.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("dashboard resource missing: " + RESOURCE);
      }
      byte[] html = in.readAllBytes();
      String text = new String(html, StandardCharsets.UTF_8);
      String csp =
          "default-src 'none'; script-src "
              + hashes(SCRIPT, text)
              + "; style-src "
              + hashes(STYLE, text)
              + "; connect-src 'self'; img-src 'self' data:; base-uri 'none';"
              + " form-action 'none'; frame-ancestors 'none'";
      return new Dashboard(html, csp);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read dashboard resource", e);
    }
  }

  byte[] html() {
    return html;
  }

  String contentSecurityPolicy() {
    return contentSecurityPolicy;
  }

  private static String hashes(Pattern pattern, String text) {
    StringBuilder out = new StringBuilder();
    Matcher matcher = pattern.matcher(text);
    while (matcher.find()) {
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append("'sha256-").append(sha256(matcher.group(1))).append('\'');
    }
    return out.length() == 0 ? "'none'" : out.toString();
  }

  private static String sha256(String content) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
