package io.peerscope.agent.capture;

import java.io.IOException;

/**
 * Reads the records of one capture format and hands each frame to the handler, keeping plain
 * tallies that the source publishes to the shared counters in batches (a shared counter per
 * frame would cost more than reading the frame).
 */
abstract class RecordReader {
  /** The largest record accepted (libpcap's MAXIMUM_SNAPLEN); longer ones are malformed. */
  static final int MAX_RECORD = 262_144;

  final FileBuffer in;
  final CaptureCounters counters;
  long frames;
  long bytes;

  RecordReader(FileBuffer in, CaptureCounters counters) {
    this.in = in;
    this.counters = counters;
  }

  /** Delivers the next frame; false at the end of the file or at a record that ends it. */
  abstract boolean next(FrameHandler handler) throws IOException;

  final void deliver(FrameHandler handler, int linkType, long tsMicros, int off, int capLen, int wireLen) {
    frames++;
    bytes += capLen;
    handler.onFrame(linkType, tsMicros, in.buf, off, capLen, wireLen);
  }
}
