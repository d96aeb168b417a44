package io.peerscope.agent.dns;

/**
 * A query waiting for its response. Linked twice: into the table's arrival-ordered list (for
 * timeouts and eviction of the oldest) and into the chain of queries sharing one {@link FlowKey}
 * (a retransmitted query reuses its id; the first response answers the oldest, as Zeek does).
 *
 * <p>Reused: once its line is emitted the table keeps it, with its key, for a later query, so a
 * steady stream of transactions allocates no pending state. Its fields are only read while the
 * line is built.
 */
final class PendingQuery {
  final FlowKey key = new FlowKey();
  long tsMicros;
  String name;
  int qtype;
  int qclass;
  boolean rd;
  boolean tc;
  int z;

  PendingQuery older;
  PendingQuery newer;
  PendingQuery sameKeyNext;

  PendingQuery fill(FlowKey k, long tsMicros, String name, int qtype, int qclass, boolean rd, boolean tc, int z) {
    key.set(k.clientHi, k.clientLo, k.clientPort, k.serverHi, k.serverLo, k.serverPort, k.tcp, k.id);
    this.tsMicros = tsMicros;
    this.name = name;
    this.qtype = qtype;
    this.qclass = qclass;
    this.rd = rd;
    this.tc = tc;
    this.z = z;
    return this;
  }
}
