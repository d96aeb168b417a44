package io.peerscope.agent.capture;

import java.io.IOException;

/** A source of frames: a live interface (pcap4j) or a capture file (the project's own reader). */
public interface FrameSource extends AutoCloseable {
  /**
   * Delivers every frame to the handler on the calling thread until the end of the file or until
   * {@link #stop()} is called. Malformed records end a file gracefully and are counted.
   */
  void run(FrameHandler handler) throws IOException;

  /** Asks {@link #run} to return soon; safe to call from another thread or a signal handler. */
  void stop();

  /**
   * Whether delivering a frame costs enough to deserve a thread of its own, with the pipeline on
   * another behind a {@link FrameHandoff}: true for pcap4j, whose every frame crosses JNA.
   */
  default boolean prefersHandoff() {
    return false;
  }

  /** Counters of the capture layer: frames received, dropped by kernel and by interface. */
  CaptureStats stats();

  @Override
  void close();
}
