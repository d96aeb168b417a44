package io.peerscope.agent.smtp.tls;

import java.util.Map;

/**
 * A protocol version as the wire writes it (RFC 8446 section 4.1.2 {@code ProtocolVersion}). Open
 * enum: an unknown code is a value with a hex name, never an error; GREASE values (RFC 8701) are
 * recognisable so that they are not reported as offered versions.
 */
public record TlsVersion(int code, String name) {
  public static final TlsVersion SSL_2 = new TlsVersion(0x0002, "SSLv2");
  public static final TlsVersion SSL_3 = new TlsVersion(0x0300, "SSLv3");
  public static final TlsVersion TLS_1_0 = new TlsVersion(0x0301, "TLSv1.0");
  public static final TlsVersion TLS_1_1 = new TlsVersion(0x0302, "TLSv1.1");
  public static final TlsVersion TLS_1_2 = new TlsVersion(0x0303, "TLSv1.2");
  public static final TlsVersion TLS_1_3 = new TlsVersion(0x0304, "TLSv1.3");

  private static final Map<Integer, TlsVersion> KNOWN =
      Map.of(
          SSL_2.code, SSL_2,
          SSL_3.code, SSL_3,
          TLS_1_0.code, TLS_1_0,
          TLS_1_1.code, TLS_1_1,
          TLS_1_2.code, TLS_1_2,
          TLS_1_3.code, TLS_1_3);

  public static TlsVersion valueOf(int code) {
    TlsVersion v = KNOWN.get(code);
    if (v != null) {
      return v;
    }
    if ((code & 0xff00) == 0x7f00) {
      // drafts of TLS 1.3 announced themselves as 0x7fNN
      return new TlsVersion(code, "TLSv1.3-draft" + (code & 0xff));
    }
    return new TlsVersion(code, String.format("0x%04X", code));
  }

  /** RFC 8701: 0x0A0A, 0x1A1A, ... 0xFAFA are sent to keep servers tolerant, not to negotiate. */
  public static boolean isGrease(int code) {
    return (code & 0x0f0f) == 0x0a0a && (code >> 8) == (code & 0xff);
  }

  /** SSL 2.0/3.0, TLS 1.0 and 1.1: deprecated by RFC 7568 and RFC 8996. */
  public boolean isWeak() {
    return code == 0x0002 || code == 0x0300 || code == 0x0301 || code == 0x0302;
  }

  @Override
  public String toString() {
    return name;
  }
}
