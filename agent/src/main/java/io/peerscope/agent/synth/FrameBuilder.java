package io.peerscope.agent.synth;

import io.peerscope.agent.decode.IpAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds whole Ethernet frames carrying UDP or TCP over IPv4 or IPv6 (chosen by the address
 * family), with correct lengths and checksums, for tests, demo captures and benchmark workloads.
 * Not a hot path: every call allocates its frame.
 */
public final class FrameBuilder {
  public static final int ETHERTYPE_IPV4 = 0x0800;
  public static final int ETHERTYPE_IPV6 = 0x86DD;
  public static final int PROTO_TCP = 6;
  public static final int PROTO_UDP = 17;
  public static final int PROTO_IPV6_FRAGMENT = 44;

  private static final byte[] SRC_MAC = {0x02, 0, 0, 0, 0, 0x01};
  private static final byte[] DST_MAC = {0x02, 0, 0, 0, 0, 0x02};

  private FrameBuilder() {}

  public static byte[] udp(IpAddress src, int sport, IpAddress dst, int dport, byte[] payload) {
    return ethernet(ip(src, dst, PROTO_UDP, udpSegment(src, sport, dst, dport, payload)));
  }

  /** flags are the TCP flag bits of {@link io.peerscope.agent.decode.Packet} (SYN, ACK, ...). */
  public static byte[] tcp(
      IpAddress src, int sport, IpAddress dst, int dport, long seq, long ack, int flags, byte[] payload) {
    return ethernet(ip(src, dst, PROTO_TCP, tcpSegment(src, sport, dst, dport, seq, ack, flags, payload)));
  }

  /** A UDP header and payload with its checksum over the pseudo-header (RFC 768, RFC 8200 8.1). */
  public static byte[] udpSegment(IpAddress src, int sport, IpAddress dst, int dport, byte[] payload) {
    byte[] s = new byte[8 + payload.length];
    put16(s, 0, sport);
    put16(s, 2, dport);
    put16(s, 4, s.length);
    System.arraycopy(payload, 0, s, 8, payload.length);
    int sum = checksum(pseudoHeaderSum(src, dst, PROTO_UDP, s.length), s, 0, s.length);
    put16(s, 6, sum == 0 ? 0xffff : sum); // zero means "no checksum" in UDP over IPv4
    return s;
  }

  public static byte[] tcpSegment(
      IpAddress src, int sport, IpAddress dst, int dport, long seq, long ack, int flags, byte[] payload) {
    byte[] s = new byte[20 + payload.length];
    put16(s, 0, sport);
    put16(s, 2, dport);
    put32(s, 4, seq);
    put32(s, 8, ack);
    s[12] = 5 << 4; // data offset: 5 words, no options
    s[13] = (byte) flags;
    put16(s, 14, 65535); // window
    System.arraycopy(payload, 0, s, 20, payload.length);
    put16(s, 16, checksum(pseudoHeaderSum(src, dst, PROTO_TCP, s.length), s, 0, s.length));
    return s;
  }

  /** An IPv4 or IPv6 packet around a transport segment; both addresses must share a family. */
  public static byte[] ip(IpAddress src, IpAddress dst, int protocol, byte[] transport) {
    if (src.isV4() != dst.isV4()) {
      throw new IllegalArgumentException("mixed address families: " + src + " " + dst);
    }
    return src.isV4()
        ? ipv4(src, dst, protocol, 0, 0, false, transport, 0, transport.length)
        : ipv6(src, dst, protocol, transport, 0, transport.length);
  }

  /** Wraps an IP packet in an Ethernet II header; the EtherType follows the IP version. */
  public static byte[] ethernet(byte[] ipPacket) {
    byte[] f = new byte[14 + ipPacket.length];
    System.arraycopy(DST_MAC, 0, f, 0, 6);
    System.arraycopy(SRC_MAC, 0, f, 6, 6);
    put16(f, 12, (ipPacket[0] & 0xf0) == 0x60 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4);
    System.arraycopy(ipPacket, 0, f, 14, ipPacket.length);
    return f;
  }

  /**
   * Splits a transport segment (header and payload) into IPv4 fragments of at most fragmentSize
   * payload bytes each (rounded down to a multiple of 8, RFC 791), as Ethernet frames in order.
   */
  public static List<byte[]> ipv4Fragments(
      IpAddress src, IpAddress dst, int protocol, int ipId, byte[] transport, int fragmentSize) {
    int step = Math.max(8, fragmentSize & ~7);
    List<byte[]> frames = new ArrayList<>();
    for (int off = 0; off < transport.length; off += step) {
      int len = Math.min(step, transport.length - off);
      boolean more = off + len < transport.length;
      frames.add(ethernet(ipv4(src, dst, protocol, ipId, off, more, transport, off, len)));
    }
    return frames;
  }

  /** The same split for IPv6, with a Fragment extension header (RFC 8200 section 4.5). */
  public static List<byte[]> ipv6Fragments(
      IpAddress src, IpAddress dst, int protocol, int fragmentId, byte[] transport, int fragmentSize) {
    int step = Math.max(8, fragmentSize & ~7);
    List<byte[]> frames = new ArrayList<>();
    for (int off = 0; off < transport.length; off += step) {
      int len = Math.min(step, transport.length - off);
      boolean more = off + len < transport.length;
      byte[] body = new byte[8 + len];
      body[0] = (byte) protocol;
      put16(body, 2, off | (more ? 1 : 0)); // offset in 8-octet units sits in the top 13 bits
      put32(body, 4, fragmentId & 0xffff_ffffL);
      System.arraycopy(transport, off, body, 8, len);
      frames.add(ethernet(ipv6(src, dst, PROTO_IPV6_FRAGMENT, body, 0, body.length)));
    }
    return frames;
  }

  /** An IPv4 header (no options, TTL 64) and data[off, off+len); fragOffset in bytes. */
  public static byte[] ipv4(
      IpAddress src, IpAddress dst, int protocol, int id, int fragOffset, boolean moreFragments,
      byte[] data, int off, int len) {
    byte[] p = new byte[20 + len];
    p[0] = 0x45;
    put16(p, 2, p.length);
    put16(p, 4, id);
    put16(p, 6, (moreFragments ? 0x2000 : 0) | (fragOffset >>> 3));
    p[8] = 64;
    p[9] = (byte) protocol;
    put32(p, 12, src.v4() & 0xffff_ffffL);
    put32(p, 16, dst.v4() & 0xffff_ffffL);
    put16(p, 10, checksum(0, p, 0, 20));
    System.arraycopy(data, off, p, 20, len);
    return p;
  }

  /** An IPv6 header (hop limit 64) and data[off, off+len) with the given next header. */
  public static byte[] ipv6(IpAddress src, IpAddress dst, int nextHeader, byte[] data, int off, int len) {
    byte[] p = new byte[40 + len];
    p[0] = 0x60;
    put16(p, 4, len);
    p[6] = (byte) nextHeader;
    p[7] = 64;
    System.arraycopy(src.toBytes(), 0, p, 8, 16);
    System.arraycopy(dst.toBytes(), 0, p, 24, 16);
    System.arraycopy(data, off, p, 40, len);
    return p;
  }

  /** The Internet checksum (RFC 1071) of b[off, off+len) added to a running 32-bit sum. */
  public static int checksum(int initial, byte[] b, int off, int len) {
    long sum = initial & 0xffff_ffffL;
    int i = off;
    for (; i + 1 < off + len; i += 2) {
      sum += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }
    if (i < off + len) {
      sum += (b[i] & 0xff) << 8;
    }
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    return (int) (~sum & 0xffff);
  }

  private static int pseudoHeaderSum(IpAddress src, IpAddress dst, int protocol, int length) {
    long sum = 0;
    byte[] a = src.toBytes();
    byte[] b = dst.toBytes();
    for (int i = 0; i < a.length; i += 2) {
      sum += ((a[i] & 0xff) << 8) | (a[i + 1] & 0xff);
      sum += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }
    sum += protocol + (length & 0xffff) + (length >>> 16);
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    return (int) sum;
  }

  static void put16(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 8);
    b[off + 1] = (byte) v;
  }

  static void put32(byte[] b, int off, long v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }
}
