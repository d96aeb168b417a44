package io.peerscope.agent.tcp;

import io.peerscope.agent.metrics.Counter;
import io.peerscope.agent.metrics.Counters;

/** The reassembler's counters, looked up once. Names are {@code tcp.*}. */
final class TcpCounters {
  final Counter segments;
  final Counter connectionsOpened;
  final Counter connectionsMidstream;
  final Counter connectionsEvicted;
  final Counter connectionsIdleClosed;
  final Counter portReuse;
  final Counter retransmissions;
  final Counter overlaps;
  final Counter overlapConflicts;
  final Counter outOfOrder;
  final Counter gaps;
  final Counter gapBytes;
  final Counter depthLimitHits;
  final Counter bytesBeyondDepth;
  final Counter queueCapHits;
  final Counter flowMemoryCapHits;
  final Counter globalMemoryCapHits;
  final Counter listenerErrors;

  TcpCounters(Counters c) {
    segments = c.counter("tcp.segments");
    connectionsOpened = c.counter("tcp.connections_opened");
    connectionsMidstream = c.counter("tcp.connections_midstream");
    connectionsEvicted = c.counter("tcp.connections_evicted");
    connectionsIdleClosed = c.counter("tcp.connections_idle_closed");
    portReuse = c.counter("tcp.port_reuse");
    retransmissions = c.counter("tcp.retransmissions");
    overlaps = c.counter("tcp.overlaps");
    overlapConflicts = c.counter("tcp.overlap_conflicts");
    outOfOrder = c.counter("tcp.out_of_order");
    gaps = c.counter("tcp.gaps");
    gapBytes = c.counter("tcp.gap_bytes");
    depthLimitHits = c.counter("tcp.depth_limit_hits");
    bytesBeyondDepth = c.counter("tcp.bytes_beyond_depth");
    queueCapHits = c.counter("tcp.queue_cap_hits");
    flowMemoryCapHits = c.counter("tcp.flow_memory_cap_hits");
    globalMemoryCapHits = c.counter("tcp.global_memory_cap_hits");
    listenerErrors = c.counter("tcp.listener_errors");
  }
}
