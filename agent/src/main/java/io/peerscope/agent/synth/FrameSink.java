package io.peerscope.agent.synth;

/**
 * Where synthetic frames go in time order: a capture file ({@link PcapWriter}) or straight into a
 * running pipeline, so a capture too large to keep on disk can still be replayed.
 */
@FunctionalInterface
public interface FrameSink {
  /** One whole Ethernet frame captured at tsMicros (microseconds since the epoch). */
  void write(long tsMicros, byte[] frame);
}
