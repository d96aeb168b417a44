package io.peerscope.agent.capture;

/**
 * Receives link-layer frames from any {@link FrameSource}, live or file. The bytes are only
 * valid during the call: the source reuses its buffer for the next frame.
 */
@FunctionalInterface
public interface FrameHandler {
  /**
   * @param linkType the pcap LINKTYPE_* value of this frame (per interface in pcapng)
   * @param tsMicros capture time, microseconds since the epoch
   * @param capLen bytes captured (at most the snap length)
   * @param wireLen bytes on the wire
   */
  void onFrame(int linkType, long tsMicros, byte[] buf, int offset, int capLen, int wireLen);
}
