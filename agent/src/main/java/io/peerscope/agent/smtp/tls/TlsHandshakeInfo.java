package io.peerscope.agent.smtp.tls;

import java.util.List;

/**
 * What one TLS handshake showed in the clear. Fields are null (or empty) when that part was not
 * seen: a capture may start midway, a side may be lost, TLS 1.3 encrypts the certificate.
 *
 * @param offeredVersions from the ClientHello: supported_versions (RFC 8446 4.2.1) when present,
 *     else the legacy version alone; GREASE removed
 * @param sni server_name (RFC 6066 section 3), non-printable bytes escaped as \xNN
 * @param offeredCipherCount cipher suites in the ClientHello (GREASE and signalling included, as
 *     sent), or -1 without a ClientHello
 * @param sslv2ClientHello the client opened with an SSL 2.0 compatible hello (RFC 5246 appendix E.2)
 * @param negotiatedVersion from the ServerHello: supported_versions when present, else its version
 * @param anomalies what could not be parsed, in order (at most a few)
 */
public record TlsHandshakeInfo(
    boolean clientHelloSeen,
    boolean sslv2ClientHello,
    TlsVersion clientVersion,
    List<TlsVersion> offeredVersions,
    String sni,
    int offeredCipherCount,
    boolean serverHelloSeen,
    TlsVersion negotiatedVersion,
    CipherSuite cipherSuite,
    TlsCertificate certificate,
    List<String> anomalies) {

  public TlsHandshakeInfo {
    offeredVersions = offeredVersions == null ? List.of() : List.copyOf(offeredVersions);
    anomalies = anomalies == null ? List.of() : List.copyOf(anomalies);
  }

  /** SSL 3.0, TLS 1.0 or TLS 1.1 negotiated. */
  public boolean weakVersion() {
    return negotiatedVersion != null && negotiatedVersion.isWeak();
  }
}
