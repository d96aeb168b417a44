package io.peerscope.agent.dns;

import io.peerscope.agent.decode.IpAddress;
import java.util.List;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * Builds the {@link DnsTransaction} values that leave the hot path: query with response, query
 * alone, response alone. Names of types and rcodes come from dnsjava, which prints unknown codes
 * as {@code TYPE65280} / {@code RESERVED14} instead of failing.
 */
final class DnsLines {
  private DnsLines() {}

  static DnsTransaction queryOnly(DnsTransaction out, PendingQuery q, RecurringAddresses addresses) {
    FlowKey k = q.key;
    return out.set(
        q.tsMicros,
        addresses.of(k.clientHi, k.clientLo),
        k.clientPort,
        addresses.of(k.serverHi, k.serverLo),
        k.serverPort,
        proto(k.tcp),
        k.id,
        false,
        0,
        q.name,
        q.qclass,
        q.qtype,
        typeName(q.qtype),
        -1,
        null,
        false,
        q.tc,
        q.rd,
        false,
        q.z,
        List.of(),
        List.of(),
        List.of(),
        true,
        false);
  }

  /**
   * A response, with its query when one was matched ({@code q} may be null). Fields the query
   * describes (RD, Z, qtype, qclass) come from it; without one they come from the response, which
   * repeats the question and the RD bit (RFC 1035 4.1.1). Call after the answers were decoded.
   */
  static DnsTransaction response(
      DnsTransaction out,
      PendingQuery q,
      long tsMicros,
      IpAddress client,
      int clientPort,
      IpAddress server,
      int serverPort,
      boolean tcp,
      DnsParser r,
      DnsAnswers answers) {
    int qtype = q != null ? q.qtype : r.qtype();
    int qclass = q != null ? q.qclass : r.qclass();
    String name = q != null && q.name != null ? q.name : r.questionName();
    if (name == null) {
      // a response without question (mDNS announcements): name it by what it answers, as Zeek does
      name = r.firstAnswerOwner();
    }
    return out.set(
        q != null ? q.tsMicros : tsMicros,
        client,
        clientPort,
        server,
        serverPort,
        proto(tcp),
        r.id(),
        q != null,
        q != null ? tsMicros - q.tsMicros : 0,
        name,
        qclass,
        qtype,
        typeName(qtype),
        r.rcode(),
        rcodeName(r.rcode()),
        r.aa(),
        r.tc(),
        q != null ? q.rd : r.rd(),
        r.ra(),
        q != null ? q.z : r.z(),
        answers.valuesCopy(),
        answers.ttlsCopy(),
        answers.typesCopy(),
        q != null,
        true);
  }

  /** A message that is never correlated (mDNS to a multicast group): oriented sender to group. */
  static DnsTransaction uncorrelated(
      DnsTransaction out,
      long tsMicros, IpAddress src, int srcPort, IpAddress dst, int dstPort, boolean tcp, DnsParser m, DnsAnswers answers) {
    if (m.isResponse()) {
      return response(out, null, tsMicros, src, srcPort, dst, dstPort, tcp, m, answers);
    }
    return out.set(
        tsMicros,
        src,
        srcPort,
        dst,
        dstPort,
        proto(tcp),
        m.id(),
        false,
        0,
        m.questionName(),
        m.qclass(),
        m.qtype(),
        typeName(m.qtype()),
        -1,
        null,
        false,
        m.tc(),
        m.rd(),
        false,
        m.z(),
        List.of(),
        List.of(),
        List.of(),
        true,
        false);
  }

  private static String proto(boolean tcp) {
    return tcp ? "tcp" : "udp";
  }

  /** Names of the common codes, looked up once: dnsjava's lookup boxes its key each time. */
  private static final String[] TYPE_NAMES = new String[256];
  private static final String[] RCODE_NAMES = new String[24];

  static {
    for (int i = 0; i < TYPE_NAMES.length; i++) {
      TYPE_NAMES[i] = Type.string(i);
    }
    for (int i = 0; i < RCODE_NAMES.length; i++) {
      RCODE_NAMES[i] = Rcode.string(i);
    }
  }

  private static String typeName(int qtype) {
    if (qtype < 0) {
      return null;
    }
    return qtype < TYPE_NAMES.length ? TYPE_NAMES[qtype] : Type.string(qtype);
  }

  private static String rcodeName(int rcode) {
    return rcode >= 0 && rcode < RCODE_NAMES.length ? RCODE_NAMES[rcode] : Rcode.string(rcode);
  }
}
