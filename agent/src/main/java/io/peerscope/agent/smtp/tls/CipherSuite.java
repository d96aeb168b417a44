package io.peerscope.agent.smtp.tls;

import java.util.HashMap;
import java.util.Map;

/**
 * A cipher suite id with its IANA name (TLS Cipher Suites registry). Open enum: the table holds
 * the suites mail servers really negotiate, old and new; any other id is a value named by its hex
 * code.
 */
public record CipherSuite(int code, String name) {
  private static final Map<Integer, String> NAMES = new HashMap<>();

  static {
    // TLS 1.3 (RFC 8446 appendix B.4)
    n(0x1301, "TLS_AES_128_GCM_SHA256");
    n(0x1302, "TLS_AES_256_GCM_SHA384");
    n(0x1303, "TLS_CHACHA20_POLY1305_SHA256");
    n(0x1304, "TLS_AES_128_CCM_SHA256");
    n(0x1305, "TLS_AES_128_CCM_8_SHA256");
    // null, export and RC4/DES: what weak-TLS evidence is about
    n(0x0000, "TLS_NULL_WITH_NULL_NULL");
    n(0x0001, "TLS_RSA_WITH_NULL_MD5");
    n(0x0002, "TLS_RSA_WITH_NULL_SHA");
    n(0x0003, "TLS_RSA_EXPORT_WITH_RC4_40_MD5");
    n(0x0004, "TLS_RSA_WITH_RC4_128_MD5");
    n(0x0005, "TLS_RSA_WITH_RC4_128_SHA");
    n(0x0006, "TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5");
    n(0x0008, "TLS_RSA_EXPORT_WITH_DES40_CBC_SHA");
    n(0x0009, "TLS_RSA_WITH_DES_CBC_SHA");
    n(0x000A, "TLS_RSA_WITH_3DES_EDE_CBC_SHA");
    n(0x0011, "TLS_DHE_DSS_EXPORT_WITH_DES40_CBC_SHA");
    n(0x0012, "TLS_DHE_DSS_WITH_DES_CBC_SHA");
    n(0x0013, "TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA");
    n(0x0014, "TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA");
    n(0x0015, "TLS_DHE_RSA_WITH_DES_CBC_SHA");
    n(0x0016, "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA");
    n(0x0017, "TLS_DH_anon_EXPORT_WITH_RC4_40_MD5");
    n(0x0018, "TLS_DH_anon_WITH_RC4_128_MD5");
    n(0x001B, "TLS_DH_anon_WITH_3DES_EDE_CBC_SHA");
    // AES CBC and GCM with RSA and DHE key exchange (RFC 5246, 5288)
    n(0x002F, "TLS_RSA_WITH_AES_128_CBC_SHA");
    n(0x0032, "TLS_DHE_DSS_WITH_AES_128_CBC_SHA");
    n(0x0033, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA");
    n(0x0034, "TLS_DH_anon_WITH_AES_128_CBC_SHA");
    n(0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA");
    n(0x0038, "TLS_DHE_DSS_WITH_AES_256_CBC_SHA");
    n(0x0039, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA");
    n(0x003A, "TLS_DH_anon_WITH_AES_256_CBC_SHA");
    n(0x003B, "TLS_RSA_WITH_NULL_SHA256");
    n(0x003C, "TLS_RSA_WITH_AES_128_CBC_SHA256");
    n(0x003D, "TLS_RSA_WITH_AES_256_CBC_SHA256");
    n(0x0040, "TLS_DHE_DSS_WITH_AES_128_CBC_SHA256");
    n(0x0041, "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA");
    n(0x0045, "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA");
    n(0x0067, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256");
    n(0x006A, "TLS_DHE_DSS_WITH_AES_256_CBC_SHA256");
    n(0x006B, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256");
    n(0x0084, "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA");
    n(0x0088, "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA");
    n(0x009C, "TLS_RSA_WITH_AES_128_GCM_SHA256");
    n(0x009D, "TLS_RSA_WITH_AES_256_GCM_SHA384");
    n(0x009E, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256");
    n(0x009F, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384");
    n(0x00A2, "TLS_DHE_DSS_WITH_AES_128_GCM_SHA256");
    n(0x00A3, "TLS_DHE_DSS_WITH_AES_256_GCM_SHA384");
    // signalling values (RFC 5746, RFC 7507)
    n(0x00FF, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV");
    n(0x5600, "TLS_FALLBACK_SCSV");
    // ECDHE (RFC 4492, 5289, 7905)
    n(0xC007, "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA");
    n(0xC008, "TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA");
    n(0xC009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA");
    n(0xC00A, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA");
    n(0xC011, "TLS_ECDHE_RSA_WITH_RC4_128_SHA");
    n(0xC012, "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA");
    n(0xC013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA");
    n(0xC014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA");
    n(0xC023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256");
    n(0xC024, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384");
    n(0xC027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256");
    n(0xC028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384");
    n(0xC02B, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
    n(0xC02C, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
    n(0xC02F, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    n(0xC030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
    n(0xCCA8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
    n(0xCCA9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");
    n(0xCCAA, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
  }

  private static void n(int code, String name) {
    NAMES.put(code, name);
  }

  public static CipherSuite valueOf(int code) {
    String name = NAMES.get(code);
    return new CipherSuite(code, name != null ? name : String.format("0x%04X", code));
  }

  /** True for suites with no or broken confidentiality: NULL, anonymous, EXPORT, RC4, DES, 3DES. */
  public boolean isWeak() {
    return name.contains("_NULL_")
        || name.contains("_anon_")
        || name.contains("EXPORT")
        || name.contains("RC4")
        || name.contains("_DES_")
        || name.contains("DES40")
        || name.contains("3DES");
  }

  @Override
  public String toString() {
    return name;
  }
}
