package io.peerscope.agent.dns;

import io.peerscope.agent.decode.IpAddress;
import io.peerscope.agent.metrics.Counters;

/**
 * Renders one answer's RDATA as CONTRACT.md asks: the address for A and AAAA, the target for
 * CNAME, NS, PTR and DNAME, the exchange for MX, the joined strings for TXT and SPF. Every other
 * type goes to dnsjava's presentation form through {@link DnsPresentation}, which parses the
 * message only when such a record is present. Returns null for RDATA that does not fit its type.
 */
final class DnsRdataRenderer {
  static final int A = 1;
  static final int NS = 2;
  static final int CNAME = 5;
  static final int PTR = 12;
  static final int MX = 15;
  static final int TXT = 16;
  static final int AAAA = 28;
  static final int DNAME = 39;
  static final int SPF = 99;

  private final DnsPresentation presentation;
  /** Reused for every value rendered here: only the resulting String is allocated. */
  private final StringBuilder scratch = new StringBuilder(256);
  private final RecurringStrings recurring;
  private final RecurringDottedQuads quads;
  private byte[] buf;
  private int msgOff;
  private int msgEnd;

  DnsRdataRenderer(Counters counters, RecurringStrings recurring) {
    this.presentation = new DnsPresentation(counters);
    this.recurring = recurring;
    this.quads = new RecurringDottedQuads(recurring);
  }

  void startMessage(byte[] buf, int msgOff, int msgEnd) {
    this.buf = buf;
    this.msgOff = msgOff;
    this.msgEnd = msgEnd;
    presentation.startMessage(buf, msgOff, msgEnd);
  }

  String render(int index, int type, int cls, long ttl, int rdOff, int rdLen) {
    return switch (type) {
      case A -> rdLen == 4 ? quads.of(buf, rdOff) : null;
      case AAAA -> rdLen == 16 ? IpAddress.ofV6(buf, rdOff).toString() : null;
      case NS, CNAME, PTR, DNAME -> name(rdOff, rdOff + rdLen);
      // RFC 1035 3.3.9: a 16-bit preference, then the exchange
      case MX -> rdLen >= 3 ? name(rdOff + 2, rdOff + rdLen) : null;
      case TXT, SPF -> joinedStrings(rdOff, rdLen);
      default -> presentation.render(index, type, cls, ttl, rdOff, rdLen);
    };
  }

  /** A name that must end inside the RDATA (its pointers may reach anywhere earlier). */
  private String name(int pos, int rdEnd) {
    int next = DnsNames.skip(buf, msgOff, rdEnd, msgEnd, pos);
    if (next < 0 || next != rdEnd) {
      return null;
    }
    return DnsNames.toString(scratch, recurring, buf, msgOff, msgEnd, pos);
  }

  /**
   * TXT and SPF RDATA is one or more character-strings (RFC 1035 3.3.14, RFC 7208 3.3); they are
   * concatenated without separator, as SPF evaluation does.
   */
  private String joinedStrings(int rdOff, int rdLen) {
    StringBuilder sb = scratch;
    sb.setLength(0);
    int p = rdOff;
    int end = rdOff + rdLen;
    while (p < end) {
      int n = buf[p] & 0xff;
      if (p + 1 + n > end) {
        return null;
      }
      DnsText.appendEscaped(sb, buf, p + 1, n, false);
      p += 1 + n;
    }
    return sb.toString();
  }

  /** RFC 3597 section 5 generic form, for RDATA nothing else could render. */
  static String generic(byte[] buf, int rdOff, int rdLen) {
    StringBuilder sb = new StringBuilder(6 + 2 * rdLen);
    sb.append("\\# ").append(rdLen);
    if (rdLen > 0) {
      sb.append(' ');
      DnsText.appendHex(sb, buf, rdOff, rdLen);
    }
    return sb.toString();
  }
}
