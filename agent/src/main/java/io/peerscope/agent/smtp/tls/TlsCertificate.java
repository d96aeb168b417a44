package io.peerscope.agent.smtp.tls;

import java.time.Instant;

/**
 * The server's own certificate (first of the chain), as sent in the clear by TLS 1.2 and older.
 *
 * @param subject RFC 2253 distinguished name (hostile text from the wire)
 * @param issuer RFC 2253 distinguished name
 * @param selfSigned issuer equals subject and the certificate's signature verifies with its own key
 * @param sha256 hex SHA-256 of the DER bytes, to tell certificates apart in evidence
 * @param chainLength certificates the server sent
 */
public record TlsCertificate(
    String subject,
    String issuer,
    Instant notBefore,
    Instant notAfter,
    boolean selfSigned,
    String sha256,
    int chainLength) {

  /** Outside its validity period at {@code when} (capture time). */
  public boolean invalidAt(Instant when) {
    return when.isAfter(notAfter) || when.isBefore(notBefore);
  }
}
