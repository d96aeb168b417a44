package io.peerscope.agent.dns;

/**
 * A query waiting for its response. Linked twice: into the table's arrival-ordered list (for
 * timeouts and eviction of the oldest) and into the chain of queries sharing one {@link FlowKey}
 * (a retransmitted query reuses its id; the first response answers the oldest, as Zeek does).
 */
final class PendingQuery {
  final FlowKey key;
  final long tsMicros;
  final String name;
  final int qtype;
  final int qclass;
  final boolean rd;
  final boolean tc;
  final int z;

  PendingQuery older;
  PendingQuery newer;
  PendingQuery sameKeyNext;

  PendingQuery(FlowKey key, long tsMicros, String name, int qtype, int qclass, boolean rd, boolean tc, int z) {
    this.key = key;
    this.tsMicros = tsMicros;
    this.name = name;
    this.qtype = qtype;
    this.qclass = qclass;
    this.rd = rd;
    this.tc = tc;
    this.z = z;
  }
}
