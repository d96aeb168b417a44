package io.peerscope.agent.smtp.tls;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes ClientHello and ServerHello bodies (RFC 5246 section 7.4.1, RFC 8446 section 4.1) by
 * offset over the handshake buffer. Every length is checked against what is left; a hello that
 * lies about a length is reported as null, the caller counts it.
 */
final class HelloDecoder {
  static final int EXT_SERVER_NAME = 0;
  static final int EXT_SUPPORTED_VERSIONS = 43;

  /** RFC 8446 4.1.3: a ServerHello with this random is a HelloRetryRequest. */
  private static final byte[] HELLO_RETRY_RANDOM = {
    (byte) 0xCF, 0x21, (byte) 0xAD, 0x74, (byte) 0xE5, (byte) 0x9A, 0x61, 0x11,
    (byte) 0xBE, 0x1D, (byte) 0x8C, 0x02, 0x1E, 0x65, (byte) 0xB8, (byte) 0x91,
    (byte) 0xC2, (byte) 0xA2, 0x11, 0x16, 0x7A, (byte) 0xBB, (byte) 0x8C, 0x5E,
    0x07, (byte) 0x9E, 0x09, (byte) 0xE2, (byte) 0xC8, (byte) 0xA8, 0x33, (byte) 0x9C
  };

  /** A server name is a DNS name: 255 bytes is already generous (RFC 1035 2.3.4). */
  static final int MAX_SNI = 255;

  record ClientHello(TlsVersion legacyVersion, List<TlsVersion> offered, String sni, int cipherCount) {}

  record ServerHello(TlsVersion version, CipherSuite cipher, boolean helloRetryRequest) {}

  private HelloDecoder() {}

  static ClientHello clientHello(byte[] b, int off, int len) {
    int end = off + len;
    int p = off;
    if (end - p < 2 + 32 + 1) {
      return null;
    }
    TlsVersion legacy = TlsVersion.valueOf(u16(b, p));
    p += 2 + 32;
    int sid = b[p] & 0xff;
    p += 1 + sid;
    if (sid > 32 || end - p < 2) {
      return null;
    }
    int csLen = u16(b, p);
    p += 2;
    if (csLen % 2 != 0 || end - p < csLen) {
      return null;
    }
    int cipherCount = csLen / 2;
    p += csLen;
    if (end - p < 1) {
      return null;
    }
    int compLen = b[p] & 0xff;
    p += 1 + compLen;
    if (p > end) {
      return null;
    }
    List<TlsVersion> offered = new ArrayList<>(4);
    String sni = null;
    if (end - p >= 2) {
      int extEnd = p + 2 + u16(b, p);
      p += 2;
      if (extEnd > end) {
        return null;
      }
      while (extEnd - p >= 4) {
        int type = u16(b, p);
        int elen = u16(b, p + 2);
        p += 4;
        if (extEnd - p < elen) {
          return null;
        }
        if (type == EXT_SERVER_NAME && sni == null) {
          sni = serverName(b, p, elen);
        } else if (type == EXT_SUPPORTED_VERSIONS && elen >= 1) {
          int vlen = b[p] & 0xff;
          for (int i = 0; i + 1 < vlen && 1 + i + 1 < elen; i += 2) {
            int v = u16(b, p + 1 + i);
            if (!TlsVersion.isGrease(v)) {
              offered.add(TlsVersion.valueOf(v));
            }
          }
        }
        p += elen;
      }
    }
    if (offered.isEmpty()) {
      offered.add(legacy);
    }
    return new ClientHello(legacy, offered, sni, cipherCount);
  }

  /** RFC 6066 section 3: a list of (name_type, name); host_name is type 0. */
  private static String serverName(byte[] b, int p, int len) {
    int end = p + len;
    if (len < 2) {
      return null;
    }
    int listEnd = Math.min(end, p + 2 + u16(b, p));
    p += 2;
    while (listEnd - p >= 3) {
      int type = b[p] & 0xff;
      int nlen = u16(b, p + 1);
      p += 3;
      if (listEnd - p < nlen) {
        return null;
      }
      if (type == 0) {
        return WireText.escape(b, p, Math.min(nlen, MAX_SNI));
      }
      p += nlen;
    }
    return null;
  }

  static ServerHello serverHello(byte[] b, int off, int len) {
    int end = off + len;
    int p = off;
    if (end - p < 2 + 32 + 1) {
      return null;
    }
    int legacy = u16(b, p);
    boolean hrr = java.util.Arrays.equals(b, p + 2, p + 34, HELLO_RETRY_RANDOM, 0, 32);
    p += 2 + 32;
    int sid = b[p] & 0xff;
    p += 1 + sid;
    if (sid > 32 || end - p < 3) {
      return null;
    }
    CipherSuite cipher = CipherSuite.valueOf(u16(b, p));
    p += 3;
    int version = legacy;
    if (end - p >= 2) {
      int extEnd = p + 2 + u16(b, p);
      p += 2;
      if (extEnd > end) {
        return null;
      }
      while (extEnd - p >= 4) {
        int type = u16(b, p);
        int elen = u16(b, p + 2);
        p += 4;
        if (extEnd - p < elen) {
          return null;
        }
        if (type == EXT_SUPPORTED_VERSIONS && elen == 2) {
          version = u16(b, p);
        }
        p += elen;
      }
    }
    return new ServerHello(TlsVersion.valueOf(version), cipher, hrr);
  }

  /**
   * SSL 2.0 CLIENT-HELLO from its version field: version(2), cipher_spec_length(2),
   * session_id_length(2), challenge_length(2), then 3-byte cipher specs.
   */
  static ClientHello sslv2ClientHello(byte[] b, int off, int len) {
    if (len < 8) {
      return null;
    }
    int version = u16(b, off);
    int specLen = u16(b, off + 2);
    if (specLen % 3 != 0 || specLen > len - 8) {
      return null;
    }
    TlsVersion v = TlsVersion.valueOf(version);
    return new ClientHello(v, List.of(v), null, specLen / 3);
  }

  static int u16(byte[] b, int p) {
    return ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
  }
}
