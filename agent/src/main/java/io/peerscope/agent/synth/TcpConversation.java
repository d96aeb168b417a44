package io.peerscope.agent.synth;

import io.peerscope.agent.decode.IpAddress;
import io.peerscope.agent.decode.Packet;
import java.util.ArrayList;
import java.util.List;

/**
 * Scripts a whole TCP conversation (three-way handshake, data both ways with correct sequence
 * and acknowledgement numbers, the receiver's acknowledgements, FIN exchange) as a list of
 * {@link Segment}s. Tests reorder, duplicate, overlap or drop segments of that list before
 * writing it, to reproduce what real captures contain.
 */
public final class TcpConversation {
  /** One TCP segment of the conversation; {@link #frame()} builds its Ethernet frame. */
  public record Segment(
      long tsMicros, boolean fromClient, IpAddress src, int srcPort, IpAddress dst, int dstPort,
      long seq, long ack, int flags, byte[] payload) {
    public byte[] frame() {
      return FrameBuilder.tcp(src, srcPort, dst, dstPort, seq, ack, flags, payload);
    }

    /** The same segment at another capture time (to place a retransmission later). */
    public Segment at(long newTsMicros) {
      return new Segment(newTsMicros, fromClient, src, srcPort, dst, dstPort, seq, ack, flags, payload);
    }

    /** A segment carrying payload[from, to) of this one, with the sequence number moved along. */
    public Segment slice(int from, int to) {
      byte[] part = java.util.Arrays.copyOfRange(payload, from, to);
      return new Segment(
          tsMicros, fromClient, src, srcPort, dst, dstPort, (seq + from) & 0xffff_ffffL, ack, flags, part);
    }
  }

  private final IpAddress client;
  private final int clientPort;
  private final IpAddress server;
  private final int serverPort;
  private final List<Segment> segments = new ArrayList<>();
  private long now;
  private long stepMicros = 1000;
  private int segmentSize = 1460;
  private long clientSeq = 1_000_000L;
  private long serverSeq = 5_000_000L;

  public TcpConversation(IpAddress client, int clientPort, IpAddress server, int serverPort, long startMicros) {
    this.client = client;
    this.clientPort = clientPort;
    this.server = server;
    this.serverPort = serverPort;
    this.now = startMicros;
  }

  /** Largest payload per segment (default 1460, the Ethernet MSS). */
  public TcpConversation segmentSize(int bytes) {
    this.segmentSize = Math.max(1, bytes);
    return this;
  }

  /** Capture time between consecutive segments (default 1 ms). */
  public TcpConversation stepMicros(long micros) {
    this.stepMicros = micros;
    return this;
  }

  /** Initial sequence numbers; set before {@link #open()} (e.g. near 2^32 to test wrap-around). */
  public TcpConversation initialSequences(long clientIsn, long serverIsn) {
    this.clientSeq = clientIsn & 0xffff_ffffL;
    this.serverSeq = serverIsn & 0xffff_ffffL;
    return this;
  }

  /** SYN, SYN/ACK, ACK (RFC 9293 section 3.5); SYN and FIN each take one sequence number. */
  public TcpConversation open() {
    add(true, clientSeq, 0, Packet.SYN, new byte[0]);
    clientSeq = next(clientSeq, 1);
    add(false, serverSeq, clientSeq, Packet.SYN | Packet.ACK, new byte[0]);
    serverSeq = next(serverSeq, 1);
    add(true, clientSeq, serverSeq, Packet.ACK, new byte[0]);
    return this;
  }

  public TcpConversation clientSends(byte[] data) {
    return send(true, data);
  }

  public TcpConversation serverSends(byte[] data) {
    return send(false, data);
  }

  /** The client closes first: FIN, the server's FIN/ACK, the client's last ACK. */
  public TcpConversation close() {
    add(true, clientSeq, serverSeq, Packet.FIN | Packet.ACK, new byte[0]);
    clientSeq = next(clientSeq, 1);
    add(false, serverSeq, clientSeq, Packet.FIN | Packet.ACK, new byte[0]);
    serverSeq = next(serverSeq, 1);
    add(true, clientSeq, serverSeq, Packet.ACK, new byte[0]);
    return this;
  }

  /** An abortive close by one side. */
  public TcpConversation reset(boolean fromClient) {
    add(fromClient, fromClient ? clientSeq : serverSeq, 0, Packet.RST, new byte[0]);
    return this;
  }

  /** The segments so far, in capture order; the list is a copy the caller may rearrange. */
  public List<Segment> segments() {
    return new ArrayList<>(segments);
  }

  public void writeTo(PcapWriter out) {
    write(segments, out);
  }

  public static void write(List<Segment> segments, PcapWriter out) {
    for (Segment s : segments) {
      out.write(s.tsMicros(), s.frame());
    }
  }

  private TcpConversation send(boolean fromClient, byte[] data) {
    for (int off = 0; off < data.length; off += segmentSize) {
      int len = Math.min(segmentSize, data.length - off);
      byte[] part = java.util.Arrays.copyOfRange(data, off, off + len);
      boolean last = off + len == data.length;
      int flags = Packet.ACK | (last ? Packet.PSH : 0);
      if (fromClient) {
        add(true, clientSeq, serverSeq, flags, part);
        clientSeq = next(clientSeq, len);
      } else {
        add(false, serverSeq, clientSeq, flags, part);
        serverSeq = next(serverSeq, len);
      }
    }
    // the receiver acknowledges what it got, as real stacks do
    if (fromClient) {
      add(false, serverSeq, clientSeq, Packet.ACK, new byte[0]);
    } else {
      add(true, clientSeq, serverSeq, Packet.ACK, new byte[0]);
    }
    return this;
  }

  private void add(boolean fromClient, long seq, long ack, int flags, byte[] payload) {
    segments.add(
        fromClient
            ? new Segment(now, true, client, clientPort, server, serverPort, seq, ack, flags, payload)
            : new Segment(now, false, server, serverPort, client, clientPort, seq, ack, flags, payload));
    now += stepMicros;
  }

  private static long next(long seq, int n) {
    return (seq + n) & 0xffff_ffffL;
  }
}
