package io.peerscope.agent.capture;

import java.io.IOException;

/**
 * libpcap's classic format: a 24-byte file header, then records of a 16-byte header and the
 * frame (https://www.ietf.org/archive/id/draft-ietf-opsawg-pcap-04.html). The magic number gives
 * the byte order of the writer and the timestamp unit (microseconds or nanoseconds). The
 * "modified" format of Alexey Kuznetzov's patches (magic a1b2cd34) adds 8 bytes per record header;
 * libpcap still reads it, so this reader does too.
 */
final class ClassicPcapReader extends RecordReader {
  static final int MAGIC_MICROS = 0xa1b2c3d4;
  static final int MAGIC_NANOS = 0xa1b23c4d;
  static final int MAGIC_MODIFIED = 0xa1b2cd34;
  static final int FILE_HEADER = 24;

  private final int linkType;
  private final boolean nanos;
  private final int recordHeader;

  /** Reads the file header; in.pos is at the start of the file, with 24 bytes available. */
  ClassicPcapReader(FileBuffer in, CaptureCounters counters, int magic, boolean bigEndian) {
    super(in, counters);
    in.bigEndian = bigEndian;
    this.nanos = magic == MAGIC_NANOS;
    this.recordHeader = magic == MAGIC_MODIFIED ? 24 : 16;
    // The upper bits of the link-type field carry FCS information (draft section 4): mask them.
    this.linkType = in.i32(in.pos + 20) & 0x03ff_ffff;
    in.pos += FILE_HEADER;
  }

  static boolean isMagic(int m) {
    return m == MAGIC_MICROS || m == MAGIC_NANOS || m == MAGIC_MODIFIED;
  }

  int linkType() {
    return linkType;
  }

  @Override
  boolean next(FrameHandler handler) throws IOException {
    if (!in.ensure(recordHeader)) {
      if (in.available() > 0) {
        counters.truncatedRecords.inc();
      }
      return false;
    }
    int h = in.pos;
    long sec = in.u32(h);
    long frac = in.u32(h + 4);
    int capLen = in.i32(h + 8);
    int wireLen = in.i32(h + 12);
    if (capLen < 0 || capLen > MAX_RECORD) {
      counters.malformedRecords.inc(); // a length no writer produces: the rest cannot be framed
      return false;
    }
    if (!in.ensure(recordHeader + capLen)) {
      counters.truncatedRecords.inc();
      return false;
    }
    h = in.pos; // ensure() may have moved the bytes to the front of the buffer
    long ts = sec * 1_000_000L + (nanos ? frac / 1000 : frac);
    in.pos += recordHeader + capLen;
    deliver(handler, linkType, ts, h + recordHeader, capLen, wireLen < capLen ? capLen : wireLen);
    return true;
  }
}
