package io.peerscope.agent.smtp;

import java.time.Instant;

/**
 * What the TLS handshake after STARTTLS (or on port 465) showed: the negotiated version and
 * cipher, the name the client asked for, and for TLS 1.2 and older the server's certificate
 * (TLS 1.3 encrypts it). Any field may be null when that part of the handshake was not seen.
 *
 * @param version negotiated version, e.g. {@code TLSv1.2}
 */
public record TlsSummary(
    String version,
    String cipher,
    String sni,
    String certSubject,
    String certIssuer,
    Instant certNotBefore,
    Instant certNotAfter,
    Boolean certSelfSigned) {

  /** SSL 3.0, TLS 1.0 and TLS 1.1 are deprecated (RFC 7568, RFC 8996). */
  public boolean weakVersion() {
    return version != null
        && (version.startsWith("SSL") || version.equals("TLSv1") || version.equals("TLSv1.0")
            || version.equals("TLSv1.1"));
  }
}
