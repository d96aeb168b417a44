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

  static DnsTransaction queryOnly(PendingQuery q) {
    FlowKey k = q.key;
    return new DnsTransaction(
        q.tsMicros,
        new IpAddress(k.clientHi, k.clientLo),
        k.clientPort,
        new IpAddress(k.serverHi, k.serverLo),
        k.serverPort,
        proto(k.tcp),
        k.id,
        null,
        q.name,
        orNull(q.qclass),
        orNull(q.qtype),
        typeName(q.qtype),
        null,
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
    return new DnsTransaction(
        q != null ? q.tsMicros : tsMicros,
        client,
        clientPort,
        server,
        serverPort,
        proto(tcp),
        r.id(),
        q != null ? Long.valueOf(tsMicros - q.tsMicros) : null,
        name,
        orNull(qclass),
        orNull(qtype),
        typeName(qtype),
        r.rcode(),
        Rcode.string(r.rcode()),
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
      long tsMicros, IpAddress src, int srcPort, IpAddress dst, int dstPort, boolean tcp, DnsParser m, DnsAnswers answers) {
    if (m.isResponse()) {
      return response(null, tsMicros, src, srcPort, dst, dstPort, tcp, m, answers);
    }
    return new DnsTransaction(
        tsMicros,
        src,
        srcPort,
        dst,
        dstPort,
        proto(tcp),
        m.id(),
        null,
        m.questionName(),
        orNull(m.qclass()),
        orNull(m.qtype()),
        typeName(m.qtype()),
        null,
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

  private static Integer orNull(int v) {
    return v < 0 ? null : v;
  }

  private static String typeName(int qtype) {
    return qtype < 0 ? null : Type.string(qtype);
  }
}
