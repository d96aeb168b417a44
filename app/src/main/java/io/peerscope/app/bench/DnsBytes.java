package io.peerscope.app.bench;

import java.nio.charset.StandardCharsets;

/**
 * Minimal DNS messages written by hand for the workload generator: millions of them are needed,
 * and building each through dnsjava would make generation slower than the benchmark itself.
 * One question; a response carries zero or one A record whose owner is a compression pointer to
 * the question name (RFC 1035 section 4.1.4).
 */
final class DnsBytes {
  private DnsBytes() {}

  static byte[] query(int id, String name, int qtype) {
    byte[] qname = encodeName(name);
    byte[] m = new byte[12 + qname.length + 4];
    header(m, id, 0x0100, 1, 0); // RD
    System.arraycopy(qname, 0, m, 12, qname.length);
    put16(m, 12 + qname.length, qtype);
    put16(m, 14 + qname.length, 1);
    return m;
  }

  /** A response; {@code ipv4 == 0} or a non-zero rcode gives no answer record. */
  static byte[] response(int id, String name, int qtype, int rcode, int ipv4) {
    byte[] qname = encodeName(name);
    boolean answer = rcode == 0 && ipv4 != 0;
    byte[] m = new byte[12 + qname.length + 4 + (answer ? 16 : 0)];
    header(m, id, 0x8180 | rcode, 1, answer ? 1 : 0); // QR RD RA
    System.arraycopy(qname, 0, m, 12, qname.length);
    int p = 12 + qname.length;
    put16(m, p, qtype);
    put16(m, p + 2, 1);
    if (answer) {
      p += 4;
      put16(m, p, 0xc00c);
      put16(m, p + 2, 1);
      put16(m, p + 4, 1);
      put16(m, p + 6, 0);
      put16(m, p + 8, 300);
      put16(m, p + 10, 4);
      put16(m, p + 12, ipv4 >>> 16);
      put16(m, p + 14, ipv4 & 0xffff);
    }
    return m;
  }

  private static void header(byte[] m, int id, int flags, int qd, int an) {
    put16(m, 0, id);
    put16(m, 2, flags);
    put16(m, 4, qd);
    put16(m, 6, an);
  }

  private static byte[] encodeName(String name) {
    byte[] ascii = name.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[ascii.length + 2];
    int labelStart = 0;
    int o = 1;
    for (int i = 0; i <= ascii.length; i++) {
      if (i == ascii.length || ascii[i] == '.') {
        out[labelStart] = (byte) (o - labelStart - 1);
        labelStart = o;
        o++;
      } else {
        out[o++] = ascii[i];
      }
    }
    out[out.length - 1] = 0;
    return out;
  }

  private static void put16(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 8);
    b[off + 1] = (byte) v;
  }
}
