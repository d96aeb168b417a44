package io.peerscope.agent.tcp;

/** Out-of-order bytes held until the hole before them fills or is declared lost. */
final class QueuedSegment {
  final long seq;
  final byte[] data;
  QueuedSegment next;

  QueuedSegment(long seq, byte[] data) {
    this.seq = seq;
    this.data = data;
  }
}
