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
import java.util.Arrays;

/**
 * Writes pcapng files (https://www.ietf.org/archive/id/draft-ietf-opsawg-pcapng-02.html): a
 * Section Header Block, Interface Description Blocks and Enhanced Packet Blocks, plus the rarer
 * blocks (Simple Packet, the obsolete Packet Block, unknown types, new sections) so the reader can
 * be tested against all of them.
 */
public final class PcapNgWriter implements AutoCloseable {
  public static final int SHB = 0x0A0D0D0A;
  public static final int IDB = 1;
  public static final int OBSOLETE_PB = 2;
  public static final int SPB = 3;
  public static final int EPB = 6;
  public static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
  private static final int OPT_END = 0;
  private static final int OPT_IF_TSRESOL = 9;

  private final OutputStream out;
  private ByteOrder order;
  /** Units per second of each interface of the current section, by interface id. */
  private long[] unitsPerSecond = new long[0];

  /** A little-endian file with one Ethernet interface in microseconds. */
  public static PcapNgWriter create(Path file) throws IOException {
    PcapNgWriter w = new PcapNgWriter(Files.newOutputStream(file), ByteOrder.LITTLE_ENDIAN);
    w.addInterface(LinkType.ETHERNET, 262_144, 6);
    return w;
  }

  /** Starts the first section in the given byte order; add interfaces before packets. */
  public PcapNgWriter(OutputStream out, ByteOrder order) {
    this.out = new BufferedOutputStream(out, 1 << 16);
    startSection(order);
  }

  /** Starts a new section: interfaces of the previous one are forgotten (pcapng section 4.1). */
  public void startSection(ByteOrder newOrder) {
    this.order = newOrder;
    ByteBuffer b = block(SHB, 16);
    b.putInt(BYTE_ORDER_MAGIC).putShort((short) 1).putShort((short) 0).putLong(-1L);
    emit(b);
    unitsPerSecond = new long[0];
  }

  /**
   * Adds an interface; returns its id. tsResolDecimal is the power of ten of the timestamp unit
   * (6 = microseconds, 9 = nanoseconds) written as the if_tsresol option.
   */
  public int addInterface(int linkType, int snaplen, int tsResolDecimal) {
    ByteBuffer b = block(IDB, 8 + 8 + 4);
    b.putShort((short) linkType).putShort((short) 0).putInt(snaplen);
    b.putShort((short) OPT_IF_TSRESOL).putShort((short) 1).put((byte) tsResolDecimal).put(new byte[3]);
    b.putShort((short) OPT_END).putShort((short) 0);
    emit(b);
    int id = unitsPerSecond.length;
    unitsPerSecond = Arrays.copyOf(unitsPerSecond, id + 1);
    unitsPerSecond[id] = pow10(tsResolDecimal);
    return id;
  }

  /** An Enhanced Packet Block on interface 0. */
  public void write(long tsMicros, byte[] frame) {
    write(0, tsMicros, frame, frame.length);
  }

  public void write(int interfaceId, long tsMicros, byte[] frame, int wireLen) {
    long ts = toUnits(interfaceId, tsMicros);
    ByteBuffer b = block(EPB, 20 + padded(frame.length));
    b.putInt(interfaceId).putInt((int) (ts >>> 32)).putInt((int) ts);
    b.putInt(frame.length).putInt(wireLen);
    b.put(frame).put(new byte[padded(frame.length) - frame.length]);
    emit(b);
  }

  /** A Simple Packet Block: no interface id, no timestamp; the frame is on interface 0. */
  public void writeSimple(byte[] frame) {
    ByteBuffer b = block(SPB, 4 + padded(frame.length));
    b.putInt(frame.length).put(frame).put(new byte[padded(frame.length) - frame.length]);
    emit(b);
  }

  /** The obsolete Packet Block (type 2) that old writers still produce. */
  public void writeObsolete(int interfaceId, long tsMicros, byte[] frame) {
    long ts = toUnits(interfaceId, tsMicros);
    ByteBuffer b = block(OBSOLETE_PB, 20 + padded(frame.length));
    b.putShort((short) interfaceId).putShort((short) 0).putInt((int) (ts >>> 32)).putInt((int) ts);
    b.putInt(frame.length).putInt(frame.length);
    b.put(frame).put(new byte[padded(frame.length) - frame.length]);
    emit(b);
  }

  /** Any other block, e.g. a type the reader must skip; body is padded to 32 bits. */
  public void writeBlock(int type, byte[] body) {
    ByteBuffer b = block(type, padded(body.length));
    b.put(body).put(new byte[padded(body.length) - body.length]);
    emit(b);
  }

  /** Writes raw bytes as they are, to make damaged files for tests. */
  public void writeRaw(byte[] bytes) {
    try {
      out.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private long toUnits(int interfaceId, long tsMicros) {
    long ups = unitsPerSecond[interfaceId];
    return ups >= 1_000_000L ? tsMicros * (ups / 1_000_000L) : tsMicros / (1_000_000L / ups);
  }

  private ByteBuffer block(int type, int bodyLength) {
    int total = 12 + bodyLength;
    ByteBuffer b = ByteBuffer.allocate(total).order(order);
    b.putInt(type).putInt(total);
    return b;
  }

  private void emit(ByteBuffer b) {
    b.putInt(b.capacity());
    try {
      out.write(b.array(), 0, b.capacity());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int padded(int n) {
    return (n + 3) & ~3;
  }

  private static long pow10(int n) {
    long v = 1;
    for (int i = 0; i < n; i++) {
      v *= 10;
    }
    return v;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
