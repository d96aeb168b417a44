package io.peerscope.agent.decode;

import io.peerscope.agent.capture.ClockListener;
import io.peerscope.agent.capture.LinkType;
import io.peerscope.agent.metrics.Counters;

/**
 * Decodes a captured frame down to its UDP or TCP payload, in place: the link layer, VLAN tags
 * (802.1Q, QinQ), PPPoE sessions and MPLS label stacks,
 * IPv4 or IPv6 (reassembling fragments) and the transport header, without allocating on the path
 * of unfragmented packets. Every frame it cannot use bumps a {@code decode.<reason>} counter;
 * nothing is thrown. One decoder per capture thread (it owns the fragment table).
 */
public final class PacketDecoder implements ClockListener {
  private static final int ETHERTYPE_IPV4 = 0x0800;
  private static final int ETHERTYPE_IPV6 = 0x86DD;
  private static final int ETHERTYPE_VLAN = 0x8100; // IEEE 802.1Q
  private static final int ETHERTYPE_QINQ = 0x88A8; // IEEE 802.1ad service tag
  private static final int ETHERTYPE_QINQ_OLD = 0x9100; // pre-standard QinQ, still in the field
  private static final int ETHERTYPE_MPLS = 0x8847; // MPLS unicast (RFC 3032)
  private static final int ETHERTYPE_PPPOE_SESSION = 0x8864; // RFC 2516, DSL uplinks
  private static final int PPP_IPV4 = 0x0021;
  private static final int PPP_IPV6 = 0x0057;
  /** Labels walked before giving up: real stacks rarely exceed 3 (VPN over TE over FRR). */
  private static final int MAX_MPLS_LABELS = 8;

  private final DecodeLimits limits;
  private final DecodeCounters counters;
  private final FragmentReassembler reassembler;
  private final IpDecoder ip;

  public PacketDecoder(Counters counters) {
    this(counters, DecodeLimits.DEFAULTS);
  }

  public PacketDecoder(Counters counters, DecodeLimits limits) {
    this.limits = limits;
    this.counters = new DecodeCounters(counters);
    this.reassembler = new FragmentReassembler(limits, this.counters);
    this.ip = new IpDecoder(this.counters, limits, reassembler);
  }

  /**
   * Decodes buf[off, off+capLen), a frame of the given pcap link type.
   *
   * @return true when {@code out} holds a UDP or TCP packet; its payload is {@code out.buf} from
   *     {@code out.payloadOffset}, either the frame's own array or, for a reassembled datagram,
   *     the reassembler's buffer (valid until the next call)
   */
  public boolean decode(int linkType, long tsMicros, byte[] buf, int off, int capLen, Packet out) {
    int end = off + capLen;
    if (capLen <= 0 || off < 0 || end > buf.length || end < 0) {
      counters.truncated.inc();
      return false;
    }
    out.tsMicros = tsMicros;
    out.frameLength = capLen;
    switch (linkType) {
      case LinkType.ETHERNET -> {
        if (capLen < 14) {
          counters.truncated.inc();
          return false;
        }
        return byEtherType(IpDecoder.u16(buf, off + 12), buf, off + 14, end, tsMicros, out);
      }
      case LinkType.LINUX_SLL -> {
        // packet type, ARPHRD type, address length, 8 address bytes, protocol
        if (capLen < 16) {
          counters.truncated.inc();
          return false;
        }
        return byEtherType(IpDecoder.u16(buf, off + 14), buf, off + 16, end, tsMicros, out);
      }
      case LinkType.LINUX_SLL2 -> {
        // protocol, reserved, interface index, ARPHRD type, packet type, address length, address
        if (capLen < 20) {
          counters.truncated.inc();
          return false;
        }
        return byEtherType(IpDecoder.u16(buf, off), buf, off + 20, end, tsMicros, out);
      }
      case LinkType.RAW, LinkType.RAW_OLD_12, LinkType.RAW_OLD_14 -> {
        return byVersion(buf, off, end, tsMicros, out);
      }
      case LinkType.IPV4 -> {
        return ip.ipv4(buf, off, end, tsMicros, out);
      }
      case LinkType.IPV6 -> {
        return ip.ipv6(buf, off, end, tsMicros, out);
      }
      case LinkType.NULL, LinkType.LOOP -> {
        if (capLen < 4) {
          counters.truncated.inc();
          return false;
        }
        return byFamily(linkType, buf, off, end, tsMicros, out);
      }
      default -> {
        counters.unsupportedLinkType.inc();
        return false;
      }
    }
  }

  private boolean byEtherType(int type, byte[] b, int p, int end, long tsMicros, Packet out) {
    for (int tags = 0; ; tags++) {
      switch (type) {
        case ETHERTYPE_IPV4 -> {
          return ip.ipv4(b, p, end, tsMicros, out);
        }
        case ETHERTYPE_IPV6 -> {
          return ip.ipv6(b, p, end, tsMicros, out);
        }
        case ETHERTYPE_VLAN, ETHERTYPE_QINQ, ETHERTYPE_QINQ_OLD -> {
          if (tags >= limits.maxVlanTags()) {
            counters.vlanTooDeep.inc();
            return false;
          }
          if (end - p < 4) {
            counters.truncated.inc();
            return false;
          }
          type = IpDecoder.u16(b, p + 2); // after the 16-bit tag control information
          p += 4;
        }
        case ETHERTYPE_PPPOE_SESSION -> {
          // version/type, code, session id, length; then the PPP protocol number
          if (end - p < 8) {
            counters.truncated.inc();
            return false;
          }
          int ppp = IpDecoder.u16(b, p + 6);
          type = ppp == PPP_IPV4 ? ETHERTYPE_IPV4 : ppp == PPP_IPV6 ? ETHERTYPE_IPV6 : -1;
          p += 8;
        }
        case ETHERTYPE_MPLS -> {
          return mpls(b, p, end, tsMicros, out);
        }
        default -> {
          counters.nonIp.inc(); // ARP, LLDP, 802.3 length fields, PPP control, ...
          return false;
        }
      }
    }
  }

  /** An MPLS label stack: 4 bytes per label up to the bottom-of-stack bit, then IP by version. */
  private boolean mpls(byte[] b, int p, int end, long tsMicros, Packet out) {
    for (int labels = 0; labels < MAX_MPLS_LABELS; labels++) {
      if (end - p < 5) {
        counters.truncated.inc();
        return false;
      }
      boolean bottom = (b[p + 2] & 0x01) != 0;
      p += 4;
      if (bottom) {
        return byVersion(b, p, end, tsMicros, out);
      }
    }
    counters.vlanTooDeep.inc();
    return false;
  }

  private boolean byVersion(byte[] b, int off, int end, long tsMicros, Packet out) {
    return switch ((b[off] & 0xf0) >>> 4) {
      case 4 -> ip.ipv4(b, off, end, tsMicros, out);
      case 6 -> ip.ipv6(b, off, end, tsMicros, out);
      default -> {
        counters.badIpHeader.inc();
        yield false;
      }
    };
  }

  /**
   * BSD loopback: a 4-byte address family, in the capturing host's byte order for NULL (so
   * either order is possible) and in network order for LOOP. AF_INET6 differs by system: 24
   * (NetBSD, OpenBSD), 28 (FreeBSD), 30 (macOS), 10 (Linux).
   */
  private boolean byFamily(int linkType, byte[] b, int off, int end, long tsMicros, Packet out) {
    int family = IpDecoder.i32(b, off);
    if (linkType == LinkType.NULL && (family & 0xffff_0000) != 0) {
      family = Integer.reverseBytes(family);
    }
    return switch (family) {
      case 2 -> ip.ipv4(b, off + 4, end, tsMicros, out);
      case 10, 24, 28, 30 -> ip.ipv6(b, off + 4, end, tsMicros, out);
      default -> {
        counters.nonIp.inc();
        yield false;
      }
    };
  }

  /** Expires incomplete fragmented datagrams in capture time. */
  @Override
  public void onTick(long nowMicros) {
    reassembler.expire(nowMicros);
  }

  @Override
  public void onEnd(long nowMicros) {
    reassembler.clear();
  }

  /** The fragment table, for status and tests. */
  public FragmentReassembler reassembler() {
    return reassembler;
  }
}
