package io.peerscope.agent.tcp;

/**
 * Bounds of the TCP reassembler: what it may hold no matter what the traffic does. Every limit
 * that is hit is counted; none of them stalls a stream (the reassembler declares a gap instead).
 *
 * @param maxConnections connections tracked at once; the least recently active one is evicted
 * @param idleTimeoutMicros capture time without a segment after which a connection is closed
 *     (Zeek's tcp_inactivity_timeout is 5 minutes too)
 * @param maxStreamDepth bytes delivered per direction; later bytes are dropped after one gap
 * @param maxQueuedSegments out-of-order segments held per direction
 * @param maxBufferedBytesPerFlow out-of-order bytes held per connection, both directions
 * @param maxBufferedBytesTotal out-of-order bytes held by all connections together
 */
public record TcpLimits(
    int maxConnections,
    long idleTimeoutMicros,
    long maxStreamDepth,
    int maxQueuedSegments,
    int maxBufferedBytesPerFlow,
    long maxBufferedBytesTotal) {

  public static final TcpLimits DEFAULTS =
      new TcpLimits(32_768, 300_000_000L, 64L << 20, 256, 256 << 10, 64L << 20);

  public TcpLimits {
    if (maxConnections < 1
        || idleTimeoutMicros < 1
        || maxStreamDepth < 1
        || maxQueuedSegments < 1
        || maxBufferedBytesPerFlow < 1
        || maxBufferedBytesTotal < 1) {
      throw new IllegalArgumentException("every TCP limit must be positive: " + this);
    }
  }

  public TcpLimits withMaxConnections(int n) {
    return new TcpLimits(
        n, idleTimeoutMicros, maxStreamDepth, maxQueuedSegments, maxBufferedBytesPerFlow,
        maxBufferedBytesTotal);
  }

  public TcpLimits withMaxStreamDepth(long bytes) {
    return new TcpLimits(
        maxConnections, idleTimeoutMicros, bytes, maxQueuedSegments, maxBufferedBytesPerFlow,
        maxBufferedBytesTotal);
  }

  public TcpLimits withBuffering(int segments, int perFlowBytes, long totalBytes) {
    return new TcpLimits(
        maxConnections, idleTimeoutMicros, maxStreamDepth, segments, perFlowBytes, totalBytes);
  }

  public TcpLimits withIdleTimeoutMicros(long micros) {
    return new TcpLimits(
        maxConnections, micros, maxStreamDepth, maxQueuedSegments, maxBufferedBytesPerFlow,
        maxBufferedBytesTotal);
  }
}
