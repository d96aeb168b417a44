package io.peerscope.agent.track;

import io.peerscope.agent.decode.IpAddress;

/**
 * Groups client addresses into organisations by prefix: resolvers of one company usually sit in
 * one IPv4 /24 or one IPv6 /48 (the usual end-site assignment, RFC 6177). IPv4 is stored as
 * IPv4-mapped IPv6, so its prefix applies to the low 32 bits.
 */
public final class Organisation {
  private final int v4Prefix;
  private final int v6Prefix;
  private final long v4Mask;
  private final long v6HiMask;
  private final long v6LoMask;

  public Organisation(int v4Prefix, int v6Prefix) {
    this.v4Prefix = v4Prefix;
    this.v6Prefix = v6Prefix;
    this.v4Mask = v4Prefix == 0 ? 0 : (0xffff_ffffL << (32 - v4Prefix)) & 0xffff_ffffL;
    this.v6HiMask = v6Prefix >= 64 ? -1L : v6Prefix == 0 ? 0 : -1L << (64 - v6Prefix);
    this.v6LoMask = v6Prefix <= 64 ? 0 : v6Prefix == 128 ? -1L : -1L << (128 - v6Prefix);
  }

  static boolean isV4(long hi, long lo) {
    return hi == 0 && (lo & 0xffff_ffff_0000_0000L) == 0x0000_ffff_0000_0000L;
  }

  public long hi(long hi, long lo) {
    return isV4(hi, lo) ? hi : hi & v6HiMask;
  }

  public long lo(long hi, long lo) {
    return isV4(hi, lo) ? (lo & 0xffff_ffff_0000_0000L) | (lo & v4Mask) : lo & v6LoMask;
  }

  /** Presentation of the organisation prefix, e.g. {@code 203.0.113.0/24}. */
  public String label(long orgHi, long orgLo) {
    IpAddress a = new IpAddress(orgHi, orgLo);
    return a + "/" + (a.isV4() ? v4Prefix : v6Prefix);
  }

  public String label(IpAddress client) {
    return label(hi(client.hi(), client.lo()), lo(client.hi(), client.lo()));
  }
}
