package io.peerscope.agent.decode;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 address as two longs, compact and cheap to hash. IPv4 is stored as the
 * IPv4-mapped IPv6 address ::ffff:a.b.c.d so that both families share one key space; {@link
 * #toString()} prints IPv4 in dotted form and IPv6 in RFC 5952 form.
 */
public record IpAddress(long hi, long lo) implements Comparable<IpAddress> {
  private static final long V4_MAPPED_LO_PREFIX = 0x0000_ffff_0000_0000L;

  public static IpAddress ofV4(int address) {
    return new IpAddress(0, V4_MAPPED_LO_PREFIX | (address & 0xffff_ffffL));
  }

  public static IpAddress ofV6(byte[] b, int off) {
    return new IpAddress(readLong(b, off), readLong(b, off + 8));
  }

  public static IpAddress parse(String text) {
    try {
      byte[] b = InetAddress.getByName(text).getAddress(); // literals only: no lookup happens
      if (b.length == 4) {
        return ofV4(((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff));
      }
      return ofV6(b, 0);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + text, e);
    }
  }

  /**
   * Written out, with the value the record would compute (31 * hash(hi) + hash(lo)): the implicit
   * record methods dispatch through method handles, which hash tables keyed by addresses call
   * for every packet and the JIT cannot inline where keys of several classes meet.
   */
  @Override
  public int hashCode() {
    return 31 * Long.hashCode(hi) + Long.hashCode(lo);
  }

  @Override
  public boolean equals(Object o) {
    return this == o || (o instanceof IpAddress a && a.hi == hi && a.lo == lo);
  }

  public boolean isV4() {
    return hi == 0 && (lo & 0xffff_ffff_0000_0000L) == V4_MAPPED_LO_PREFIX;
  }

  /** The IPv4 address as an int; only meaningful when {@link #isV4()}. */
  public int v4() {
    return (int) lo;
  }

  public byte[] toBytes() {
    if (isV4()) {
      int a = v4();
      return new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a};
    }
    byte[] b = new byte[16];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (hi >>> (56 - 8 * i));
      b[8 + i] = (byte) (lo >>> (56 - 8 * i));
    }
    return b;
  }

  @Override
  public String toString() {
    if (isV4()) {
      int a = v4();
      return ((a >>> 24) & 0xff) + "." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "." + (a & 0xff);
    }
    int[] g = new int[8];
    for (int i = 0; i < 4; i++) {
      g[i] = (int) (hi >>> (48 - 16 * i)) & 0xffff;
      g[4 + i] = (int) (lo >>> (48 - 16 * i)) & 0xffff;
    }
    // RFC 5952: compress the longest run (length >= 2) of zero groups, the first one on ties
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append(i == 0 ? "::" : ":");
        i += bestLen - 1;
        continue;
      }
      sb.append(Integer.toHexString(g[i]));
      if (i < 7) {
        sb.append(':');
      }
    }
    return sb.toString();
  }

  @Override
  public int compareTo(IpAddress o) {
    int c = Long.compareUnsigned(hi, o.hi);
    return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
  }

  private static long readLong(byte[] b, int off) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[off + i] & 0xff);
    }
    return v;
  }
}
