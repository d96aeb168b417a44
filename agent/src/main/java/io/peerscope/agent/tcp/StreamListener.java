package io.peerscope.agent.tcp;

/**
 * Receives one reassembled TCP connection, both directions, in order. Bytes are only valid during
 * the call. A listener never throws: it counts what it cannot parse.
 */
public interface StreamListener {
  /** In-order payload bytes of one direction. */
  void onData(boolean fromClient, long tsMicros, byte[] buf, int offset, int length);

  /** Bytes that will never arrive (lost segment or depth/memory limit); parsing must resync. */
  void onGap(boolean fromClient, long tsMicros, long missingBytes);

  /** The connection ended (FIN/RST, idle timeout, eviction or end of capture). Called once. */
  void onClose(long tsMicros, CloseReason reason);

  enum CloseReason {
    FIN,
    RST,
    IDLE_TIMEOUT,
    EVICTED,
    END_OF_CAPTURE
  }
}
