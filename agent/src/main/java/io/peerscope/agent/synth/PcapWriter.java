package io.peerscope.agent.synth;

import io.peerscope.agent.capture.LinkType;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes classic libpcap files (https://www.ietf.org/archive/id/draft-ietf-opsawg-pcap-04.html).
 * Defaults: microsecond timestamps, little-endian, LINKTYPE_ETHERNET, snap length 262144. The
 * other byte order and nanosecond timestamps exist so the reader can be tested against all four
 * magic numbers.
 */
public final class PcapWriter implements FrameSink, AutoCloseable {
  public static final int MAGIC_MICROS = 0xa1b2c3d4;
  public static final int MAGIC_NANOS = 0xa1b23c4d;
  public static final int DEFAULT_SNAPLEN = 262_144;

  private final OutputStream out;
  private final ByteBuffer header = ByteBuffer.allocate(24);
  private final boolean nanos;
  private long frames;

  /** An Ethernet capture with microsecond timestamps in little-endian order. */
  public static PcapWriter create(Path file) throws IOException {
    return create(file, LinkType.ETHERNET);
  }

  public static PcapWriter create(Path file, int linkType) throws IOException {
    return new PcapWriter(Files.newOutputStream(file), linkType, ByteOrder.LITTLE_ENDIAN, false);
  }

  public PcapWriter(OutputStream out, int linkType, ByteOrder order, boolean nanos) {
    this(out, linkType, order, nanos, DEFAULT_SNAPLEN);
  }

  public PcapWriter(OutputStream out, int linkType, ByteOrder order, boolean nanos, int snaplen) {
    this.out = new BufferedOutputStream(out, 1 << 16);
    this.nanos = nanos;
    header.order(order);
    header.putInt(nanos ? MAGIC_NANOS : MAGIC_MICROS);
    header.putShort((short) 2).putShort((short) 4);
    header.putInt(0).putInt(0); // thiszone, sigfigs: always zero in practice
    header.putInt(snaplen).putInt(linkType);
    emit(24);
  }

  /** Writes one whole frame captured at tsMicros (microseconds since the epoch). */
  @Override
  public void write(long tsMicros, byte[] frame) {
    write(tsMicros, frame, 0, frame.length, frame.length);
  }

  /**
   * Writes frame[off, off+capLen) as a record whose original length is wireLen (wireLen larger
   * than capLen makes a record cut by the snap length).
   */
  public void write(long tsMicros, byte[] frame, int off, int capLen, int wireLen) {
    long sec = Math.floorDiv(tsMicros, 1_000_000L);
    long frac = Math.floorMod(tsMicros, 1_000_000L);
    header.putInt((int) sec).putInt((int) (nanos ? frac * 1000 : frac));
    header.putInt(capLen).putInt(wireLen);
    emit(16);
    try {
      out.write(frame, off, capLen);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    frames++;
  }

  /** Writes raw bytes as they are, to make damaged files for tests. */
  public void writeRaw(byte[] bytes) {
    try {
      out.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public long frames() {
    return frames;
  }

  private void emit(int n) {
    try {
      out.write(header.array(), 0, n);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    header.clear();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
