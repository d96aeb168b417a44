package io.peerscope.agent.capture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * pcapng (https://www.ietf.org/archive/id/draft-ietf-opsawg-pcapng-02.html): blocks of
 * type, length, body, length. Each Section Header Block sets the byte order of its section and
 * forgets the interfaces of the previous one; each Interface Description Block declares a link
 * type and a timestamp unit (if_tsresol, if_tsoffset). Enhanced, Simple and the obsolete Packet
 * Blocks carry frames; every other block type is skipped. A block whose framing is broken ends the
 * file (as libpcap does); a block that is well framed but inconsistent inside is counted and
 * skipped.
 */
final class PcapNgReader extends RecordReader {
  static final int SHB = 0x0A0D0D0A;
  static final int IDB = 1;
  static final int OBSOLETE_PB = 2;
  static final int SPB = 3;
  static final int EPB = 6;
  static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
  private static final int OPT_END = 0;
  private static final int OPT_IF_TSRESOL = 9;
  private static final int OPT_IF_TSOFFSET = 14;
  private static final int MAX_INTERFACES = 4096;

  private int interfaceCount;
  private int[] linkTypes = new int[4];
  private int[] snaplens = new int[4];
  /** Timestamp conversion per interface: micros = ts * mul, or ts / div, or by a binary shift. */
  private long[] mul = new long[4];
  private long[] div = new long[4];
  private int[] binaryExponent = new int[4];
  private long[] offsetMicros = new long[4];
  private long lastTsMicros;

  /** Checks the first Section Header Block; in.pos is at the start of the file. */
  PcapNgReader(FileBuffer in, CaptureCounters counters, Path file) throws IOException {
    super(in, counters);
    if (!in.ensure(12)) {
      throw new NotACaptureException(file, "the pcapng section header is truncated");
    }
    if (!readByteOrder()) {
      throw new NotACaptureException(file, "a pcapng section header with no valid byte-order magic");
    }
  }

  @Override
  boolean next(FrameHandler handler) throws IOException {
    while (true) {
      if (!in.ensure(8)) {
        return endOfFile();
      }
      // SHB's type reads the same in both byte orders; its byte-order magic decides the rest.
      if (in.i32le(in.pos) == SHB) {
        if (!in.ensure(12)) {
          return endOfFile();
        }
        if (!readByteOrder()) {
          counters.malformedRecords.inc();
          return false;
        }
      }
      int type = in.i32(in.pos);
      long length = in.u32(in.pos + 4);
      if (length < 12 || (length & 3) != 0) {
        counters.malformedRecords.inc();
        return false;
      }
      if (length > in.capacity() - 16) {
        if (type == EPB || type == SPB || type == OBSOLETE_PB) {
          counters.malformedRecords.inc(); // far beyond any snap length
          return false;
        }
        counters.skippedBlocks.inc();
        if (!in.skip(length)) {
          counters.truncatedRecords.inc();
          return false;
        }
        continue;
      }
      int len = (int) length;
      if (!in.ensure(len)) {
        return endOfFile();
      }
      int b = in.pos;
      if (in.u32(b + len - 4) != length) {
        counters.malformedRecords.inc(); // header and trailer disagree: framing is lost
        return false;
      }
      in.pos += len;
      switch (type) {
        case SHB -> interfaceCount = 0;
        case IDB -> addInterface(b, len);
        case EPB -> {
          if (enhanced(handler, b, len)) {
            return true;
          }
        }
        case SPB -> {
          if (simple(handler, b, len)) {
            return true;
          }
        }
        case OBSOLETE_PB -> {
          if (obsolete(handler, b, len)) {
            return true;
          }
        }
        default -> counters.skippedBlocks.inc();
      }
    }
  }

  private boolean endOfFile() {
    if (in.available() > 0) {
      counters.truncatedRecords.inc();
    }
    return false;
  }

  private boolean readByteOrder() {
    int magic = in.i32le(in.pos + 8);
    if (magic == BYTE_ORDER_MAGIC) {
      in.bigEndian = false;
    } else if (Integer.reverseBytes(magic) == BYTE_ORDER_MAGIC) {
      in.bigEndian = true;
    } else {
      return false;
    }
    return true;
  }

  private boolean enhanced(FrameHandler handler, int b, int len) {
    if (len < 32) {
      counters.malformedRecords.inc();
      return false;
    }
    int ifc = in.i32(b + 8);
    long ts = ((long) in.i32(b + 12) << 32) | in.u32(b + 16);
    int capLen = in.i32(b + 20);
    int wireLen = in.i32(b + 24);
    return packet(handler, ifc, ts, b + 28, capLen, wireLen, len - 32);
  }

  private boolean obsolete(FrameHandler handler, int b, int len) {
    if (len < 32) {
      counters.malformedRecords.inc();
      return false;
    }
    int ifc = in.u16(b + 8);
    long ts = ((long) in.i32(b + 12) << 32) | in.u32(b + 16);
    int capLen = in.i32(b + 20);
    int wireLen = in.i32(b + 24);
    return packet(handler, ifc, ts, b + 28, capLen, wireLen, len - 32);
  }

  /** A Simple Packet Block: interface 0, no timestamp (the last one seen keeps time monotonic). */
  private boolean simple(FrameHandler handler, int b, int len) {
    if (len < 16 || interfaceCount == 0) {
      counters.malformedRecords.inc();
      return false;
    }
    int wireLen = in.i32(b + 8);
    int room = len - 16;
    int capLen = wireLen < 0 || wireLen > room ? room : wireLen;
    if (snaplens[0] > 0 && capLen > snaplens[0]) {
      capLen = snaplens[0];
    }
    deliver(handler, linkTypes[0], lastTsMicros, b + 12, capLen, Math.max(wireLen, capLen));
    return true;
  }

  private boolean packet(FrameHandler handler, int ifc, long ts, int data, int capLen, int wireLen, int room) {
    if (ifc < 0 || ifc >= interfaceCount || capLen < 0 || capLen > room || capLen > MAX_RECORD) {
      counters.malformedRecords.inc();
      return false;
    }
    lastTsMicros = toMicros(ifc, ts);
    deliver(handler, linkTypes[ifc], lastTsMicros, data, capLen, wireLen < capLen ? capLen : wireLen);
    return true;
  }

  private void addInterface(int b, int len) {
    if (len < 20 || interfaceCount >= MAX_INTERFACES) {
      counters.malformedRecords.inc();
      return;
    }
    int i = interfaceCount++;
    if (i == linkTypes.length) {
      int n = i * 2;
      linkTypes = Arrays.copyOf(linkTypes, n);
      snaplens = Arrays.copyOf(snaplens, n);
      mul = Arrays.copyOf(mul, n);
      div = Arrays.copyOf(div, n);
      binaryExponent = Arrays.copyOf(binaryExponent, n);
      offsetMicros = Arrays.copyOf(offsetMicros, n);
    }
    linkTypes[i] = in.u16(b + 8);
    snaplens[i] = in.i32(b + 12);
    int tsresol = 6; // microseconds unless said otherwise
    long tsoffset = 0;
    int end = b + len - 4;
    for (int o = b + 16; o + 4 <= end; ) {
      int code = in.u16(o);
      int olen = in.u16(o + 2);
      if (code == OPT_END || o + 4 + olen > end) {
        break;
      }
      if (code == OPT_IF_TSRESOL && olen >= 1) {
        tsresol = in.buf[o + 4] & 0xff;
      } else if (code == OPT_IF_TSOFFSET && olen >= 8) {
        long first = in.u32(o + 4);
        long second = in.u32(o + 8);
        tsoffset = in.bigEndian ? (first << 32) | second : (second << 32) | first;
      }
      o += 4 + ((olen + 3) & ~3);
    }
    setResolution(i, tsresol);
    offsetMicros[i] = tsoffset * 1_000_000L;
  }

  /** if_tsresol: high bit clear, a negative power of ten; set, a negative power of two. */
  private void setResolution(int i, int tsresol) {
    mul[i] = 0;
    div[i] = 0;
    binaryExponent[i] = -1;
    if ((tsresol & 0x80) != 0) {
      binaryExponent[i] = Math.min(tsresol & 0x7f, 62);
    } else if (tsresol <= 6) {
      mul[i] = pow10(6 - tsresol);
    } else {
      div[i] = tsresol - 6 > 18 ? Long.MAX_VALUE : pow10(tsresol - 6);
    }
  }

  private long toMicros(int i, long ts) {
    long micros;
    if (mul[i] == 1) {
      micros = ts;
    } else if (mul[i] != 0) {
      micros = ts * mul[i];
    } else if (div[i] != 0) {
      micros = Long.divideUnsigned(ts, div[i]);
    } else {
      int e = binaryExponent[i];
      long whole = ts >>> e;
      double frac = (ts & ((1L << e) - 1)) / Math.scalb(1.0, e);
      micros = whole * 1_000_000L + (long) (frac * 1_000_000.0);
    }
    return micros + offsetMicros[i];
  }

  private static long pow10(int n) {
    long v = 1;
    for (int k = 0; k < n; k++) {
      v *= 10;
    }
    return v;
  }
}
