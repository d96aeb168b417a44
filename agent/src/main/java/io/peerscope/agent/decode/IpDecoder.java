package io.peerscope.agent.decode;

/**
 * IPv4, IPv6 with its extension headers, UDP and TCP, over bytes by offset. Header checksums are
 * not verified: a sensor on the sending host sees checksums the NIC has not filled in yet
 * (checksum offload), and a passive observer cannot act on a bad one anyway.
 */
final class IpDecoder {
  /** The IPv4-mapped prefix {@link IpAddress} uses for IPv4 addresses (::ffff:0:0/96). */
  private static final long V4_MAPPED = 0x0000_ffff_0000_0000L;

  private static final int HOP_BY_HOP = 0;
  private static final int TCP = 6;
  private static final int UDP = 17;
  private static final int ROUTING = 43;
  private static final int FRAGMENT = 44;
  private static final int ESP = 50;
  private static final int AH = 51;
  private static final int NO_NEXT_HEADER = 59;
  private static final int DESTINATION_OPTIONS = 60;
  private static final int MOBILITY = 135;
  private static final int HIP = 139;
  private static final int SHIM6 = 140;

  private final DecodeCounters counters;
  private final DecodeLimits limits;
  private final FragmentReassembler reassembler;

  IpDecoder(DecodeCounters counters, DecodeLimits limits, FragmentReassembler reassembler) {
    this.counters = counters;
    this.limits = limits;
    this.reassembler = reassembler;
  }

  /** An IPv4 packet at b[off, end). RFC 791 section 3.1. */
  boolean ipv4(byte[] b, int off, int end, long tsMicros, Packet out) {
    if (end - off < 20) {
      counters.truncated.inc();
      return false;
    }
    int versionIhl = b[off] & 0xff;
    int ihl = (versionIhl & 0x0f) << 2;
    if ((versionIhl >>> 4) != 4 || ihl < 20) {
      counters.badIpHeader.inc();
      return false;
    }
    int total = u16(b, off + 2);
    if (total == 0) {
      total = end - off; // large send offload: captured before the NIC wrote the length
    }
    if (total < ihl) {
      counters.badIpHeader.inc();
      return false;
    }
    if (total > end - off) {
      counters.truncated.inc();
      return false;
    }
    int ipEnd = off + total; // bytes past it are link-layer padding
    out.ipVersion = 4;
    out.srcHi = 0;
    out.srcLo = V4_MAPPED | (i32(b, off + 12) & 0xffff_ffffL);
    out.dstHi = 0;
    out.dstLo = V4_MAPPED | (i32(b, off + 16) & 0xffff_ffffL);
    int protocol = b[off + 9] & 0xff;
    int flagsOffset = u16(b, off + 6);
    boolean more = (flagsOffset & 0x2000) != 0;
    int fragOffset = (flagsOffset & 0x1fff) << 3;
    if (!more && fragOffset == 0) {
      return transport(protocol, b, off + ihl, ipEnd, out);
    }
    long id = u16(b, off + 4) | ((long) protocol << 16) | (4L << 32);
    int len =
        reassembler.add(out.srcHi, out.srcLo, out.dstHi, out.dstLo, id, protocol,
            fragOffset, more, b, off + ihl, ipEnd - off - ihl, tsMicros);
    return len >= 0 && transport(protocol, reassembler.buffer(), 0, len, out);
  }

  /** An IPv6 packet at b[off, end). RFC 8200 sections 3 and 4. */
  boolean ipv6(byte[] b, int off, int end, long tsMicros, Packet out) {
    if (end - off < 40) {
      counters.truncated.inc();
      return false;
    }
    if ((b[off] & 0xf0) != 0x60) {
      counters.badIpHeader.inc();
      return false;
    }
    int payloadLength = u16(b, off + 4);
    int ipEnd;
    if (payloadLength == 0) {
      ipEnd = end; // a jumbogram (RFC 2675) or large send offload: trust what was captured
    } else if (payloadLength > end - off - 40) {
      counters.truncated.inc();
      return false;
    } else {
      ipEnd = off + 40 + payloadLength;
    }
    out.ipVersion = 6;
    out.srcHi = i64(b, off + 8);
    out.srcLo = i64(b, off + 16);
    out.dstHi = i64(b, off + 24);
    out.dstLo = i64(b, off + 32);
    return extensionChain(b[off + 6] & 0xff, b, off + 40, ipEnd, tsMicros, out);
  }

  /** Walks the extension headers to the transport, bounded by a count and by the packet's end. */
  private boolean extensionChain(int next, byte[] b, int p, int end, long tsMicros, Packet out) {
    boolean reassembled = false;
    for (int headers = 0; ; headers++) {
      switch (next) {
        case TCP, UDP -> {
          return transport(next, b, p, end, out);
        }
        case HOP_BY_HOP, ROUTING, DESTINATION_OPTIONS, MOBILITY, HIP, SHIM6, AH, FRAGMENT -> {
          if (headers >= limits.maxIpv6ExtensionHeaders()) {
            counters.extensionChainTooLong.inc();
            return false;
          }
          if (end - p < 8) {
            counters.truncated.inc();
            return false;
          }
        }
        case ESP -> {
          counters.encrypted.inc();
          return false;
        }
        default -> { // ICMPv6, no next header (59) and everything else
          counters.otherProtocol.inc();
          return false;
        }
      }
      if (next == FRAGMENT) {
        int fragNext = b[p] & 0xff;
        int offsetFlags = u16(b, p + 2);
        int fragOffset = offsetFlags & 0xfff8;
        boolean more = (offsetFlags & 1) != 0;
        if (fragOffset == 0 && !more) {
          next = fragNext; // an atomic fragment (RFC 6946): nothing to reassemble
          p += 8;
          continue;
        }
        if (reassembled) {
          counters.badFragment.inc(); // a fragment inside a reassembled fragment
          return false;
        }
        long id = (i32(b, p + 4) & 0xffff_ffffL) | (6L << 40);
        int len =
            reassembler.add(out.srcHi, out.srcLo, out.dstHi, out.dstLo, id, fragNext,
                fragOffset, more, b, p + 8, end - p - 8, tsMicros);
        if (len < 0) {
          return false;
        }
        reassembled = true;
        next = reassembler.completedProtocol();
        b = reassembler.buffer();
        p = 0;
        end = len;
        continue;
      }
      int length = next == AH ? ((b[p + 1] & 0xff) + 2) << 2 : ((b[p + 1] & 0xff) + 1) << 3;
      if (length > end - p) {
        counters.truncated.inc();
        return false;
      }
      next = b[p] & 0xff;
      p += length;
    }
  }

  private boolean transport(int protocol, byte[] b, int off, int end, Packet out) {
    if (protocol == UDP) {
      if (end - off < 8) {
        counters.truncated.inc();
        return false;
      }
      int length = u16(b, off + 4);
      if (length < 8) {
        counters.badUdpHeader.inc();
        return false;
      }
      if (length > end - off) {
        counters.truncated.inc();
        return false;
      }
      out.protocol = Packet.UDP;
      out.srcPort = u16(b, off);
      out.dstPort = u16(b, off + 2);
      out.tcpFlags = 0;
      out.tcpSeq = 0;
      out.tcpAck = 0;
      out.buf = b;
      out.payloadOffset = off + 8;
      out.payloadLength = length - 8;
      return true;
    }
    if (protocol == TCP) {
      if (end - off < 20) {
        counters.truncated.inc();
        return false;
      }
      int dataOffset = (b[off + 12] & 0xf0) >>> 2;
      if (dataOffset < 20) {
        counters.badTcpHeader.inc();
        return false;
      }
      if (dataOffset > end - off) {
        counters.truncated.inc();
        return false;
      }
      out.protocol = Packet.TCP;
      out.srcPort = u16(b, off);
      out.dstPort = u16(b, off + 2);
      out.tcpSeq = i32(b, off + 4) & 0xffff_ffffL;
      out.tcpAck = i32(b, off + 8) & 0xffff_ffffL;
      out.tcpFlags = b[off + 13] & 0xff;
      out.buf = b;
      out.payloadOffset = off + dataOffset;
      out.payloadLength = end - off - dataOffset;
      return true;
    }
    counters.otherProtocol.inc();
    return false;
  }

  static int u16(byte[] b, int off) {
    return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
  }

  static int i32(byte[] b, int off) {
    return (b[off] << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
  }

  static long i64(byte[] b, int off) {
    return ((long) i32(b, off) << 32) | (i32(b, off + 4) & 0xffff_ffffL);
  }
}
