package io.peerscope.agent.decode;

/**
 * The decoded view of one frame, filled in place by the decoder and reused for the next frame so
 * the hot path allocates nothing. Addresses are kept as the two longs of {@link IpAddress}; call
 * {@link #src()} / {@link #dst()} only when a value must outlive the packet.
 */
public final class Packet {
  public static final int TCP = 6;
  public static final int UDP = 17;

  public static final int FIN = 0x01;
  public static final int SYN = 0x02;
  public static final int RST = 0x04;
  public static final int PSH = 0x08;
  public static final int ACK = 0x10;

  public long tsMicros;
  public int ipVersion;
  public long srcHi;
  public long srcLo;
  public long dstHi;
  public long dstLo;
  /** IP protocol number of the transport: {@link #TCP} or {@link #UDP}. */
  public int protocol;
  public int srcPort;
  public int dstPort;
  public int tcpFlags;
  public long tcpSeq;
  public long tcpAck;
  /** The transport payload: buf[payloadOffset, payloadOffset + payloadLength). */
  public byte[] buf;
  public int payloadOffset;
  public int payloadLength;
  /** Bytes of the frame as captured, for byte counters. */
  public int frameLength;

  public IpAddress src() {
    return new IpAddress(srcHi, srcLo);
  }

  public IpAddress dst() {
    return new IpAddress(dstHi, dstLo);
  }

  public void clear() {
    ipVersion = 0;
    srcHi = srcLo = dstHi = dstLo = 0;
    protocol = 0;
    srcPort = dstPort = 0;
    tcpFlags = 0;
    tcpSeq = tcpAck = 0;
    buf = null;
    payloadOffset = payloadLength = 0;
    frameLength = 0;
  }
}
