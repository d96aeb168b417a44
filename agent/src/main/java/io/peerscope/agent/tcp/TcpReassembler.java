package io.peerscope.agent.tcp;

import io.peerscope.agent.capture.ClockListener;
import io.peerscope.agent.decode.IpAddress;
import io.peerscope.agent.decode.Packet;
import io.peerscope.agent.metrics.Counters;
import io.peerscope.agent.tcp.StreamListener.CloseReason;

/**
 * Turns TCP segments into ordered byte streams for the protocol parsers registered by server
 * port (SMTP on 25/587/465, DNS on 53). Not thread-safe: one capture thread feeds it.
 *
 * <p>Orientation: the sender of a SYN is the client; the sender of a SYN/ACK is the server. A
 * connection picked up midstream (no handshake seen) is oriented by the registered port: the
 * side that talks to it is the client. Segments of unregistered ports are ignored.
 *
 * <p>A connection ends on RST, when both FINs are seen and every byte before them is
 * delivered, after {@link TcpLimits#idleTimeoutMicros()} of capture time without a segment,
 * when the table is full and it is the least recently active (evicted), or at the end of the
 * capture. Its listener is told once, after every held byte was delivered or declared a gap.
 */
public final class TcpReassembler implements ClockListener {
  private static final long EXPIRY_CHECK_MICROS = 1_000_000L;

  private final TcpLimits limits;
  private final TcpCounters counters;
  private final Flow.Context context;
  private final FlowTable table;
  private final StreamListenerFactory[] factories = new StreamListenerFactory[65_536];
  private long nextExpiryCheck = Long.MIN_VALUE;

  public TcpReassembler(TcpLimits limits, Counters counters) {
    this.limits = limits;
    this.counters = new TcpCounters(counters);
    this.context = new Flow.Context(limits, this.counters, new BufferBudget(limits.maxBufferedBytesTotal()));
    this.table = new FlowTable(limits.maxConnections());
  }

  /** Connections to serverPort get a listener from f (the last registration for a port wins). */
  public void register(int serverPort, StreamListenerFactory f) {
    if (serverPort < 0 || serverPort > 65_535) {
      throw new IllegalArgumentException("not a TCP port: " + serverPort);
    }
    factories[serverPort] = f;
  }

  /** Connections tracked right now. */
  public int connections() {
    return table.size();
  }

  /** Out-of-order bytes held right now by all connections. */
  public long bufferedBytes() {
    return context.budget().used();
  }

  /** Feeds one decoded TCP segment; other protocols are ignored. */
  public void onSegment(Packet p) {
    if (p.protocol != Packet.TCP) {
      return;
    }
    counters.segments.inc();
    long now = p.tsMicros;
    int flags = p.tcpFlags;
    boolean syn = (flags & Packet.SYN) != 0;
    boolean ack = (flags & Packet.ACK) != 0;
    Flow f = table.find(p.srcHi, p.srcLo, p.srcPort, p.dstHi, p.dstLo, p.dstPort);
    if (f != null && syn && !ack && isNewIncarnation(f, p)) {
      // the client's port was reused for a new connection while we still held the old one
      counters.portReuse.inc();
      close(f, now, f.client.finished() || f.server.finished() ? CloseReason.FIN : CloseReason.EVICTED);
      f = null;
    }
    if (f == null) {
      f = open(p, syn, ack);
      if (f == null) {
        return;
      }
    } else {
      table.touch(f, now);
    }
    boolean fromClient = f.isClient(p.srcHi, p.srcLo, p.srcPort);
    HalfStream mine = fromClient ? f.client : f.server;
    HalfStream peer = fromClient ? f.server : f.client;
    if (syn) {
      mine.onSyn(p.tcpSeq);
    }
    if (ack) {
      peer.onAck(now, p.tcpAck & 0xffff_ffffL);
    }
    long dataSeq = syn ? p.tcpSeq + 1 : p.tcpSeq;
    if (p.payloadLength > 0) {
      mine.onData(now, dataSeq & 0xffff_ffffL, p.buf, p.payloadOffset, p.payloadLength);
    }
    if ((flags & Packet.FIN) != 0) {
      mine.onFin(dataSeq + p.payloadLength);
    }
    if ((flags & Packet.RST) != 0) {
      close(f, now, CloseReason.RST);
    } else if (f.client.finished() && f.server.finished()) {
      close(f, now, CloseReason.FIN);
    }
  }

  @Override
  public void onTick(long nowMicros) {
    if (nowMicros < nextExpiryCheck) {
      return;
    }
    nextExpiryCheck = nowMicros + EXPIRY_CHECK_MICROS;
    Flow f;
    while ((f = table.oldest()) != null && nowMicros - f.lastSeenMicros >= limits.idleTimeoutMicros()) {
      counters.connectionsIdleClosed.inc();
      close(f, nowMicros, CloseReason.IDLE_TIMEOUT);
    }
  }

  @Override
  public void onEnd(long nowMicros) {
    Flow f;
    while ((f = table.oldest()) != null) {
      close(f, nowMicros, CloseReason.END_OF_CAPTURE);
    }
  }

  private boolean isNewIncarnation(Flow f, Packet p) {
    if (!f.isClient(p.srcHi, p.srcLo, p.srcPort) || !f.client.seqKnown()) {
      return false;
    }
    boolean retransmittedSyn = ((p.tcpSeq + 1) & 0xffff_ffffL) == f.client.nextSeq();
    return !retransmittedSyn;
  }

  private Flow open(Packet p, boolean syn, boolean ack) {
    if ((p.tcpFlags & Packet.RST) != 0) {
      return null;
    }
    boolean senderIsClient;
    if (syn) {
      senderIsClient = !ack;
      if (factories[senderIsClient ? p.dstPort : p.srcPort] == null) {
        return null;
      }
    } else if (p.payloadLength > 0) {
      if (factories[p.dstPort] != null) {
        senderIsClient = true;
      } else if (factories[p.srcPort] != null) {
        senderIsClient = false;
      } else {
        return null;
      }
      counters.connectionsMidstream.inc();
    } else {
      return null; // a bare ACK or FIN of a connection we do not hold carries nothing to parse
    }
    if (table.full()) {
      counters.connectionsEvicted.inc();
      close(table.oldest(), p.tsMicros, CloseReason.EVICTED);
    }
    Flow f =
        senderIsClient
            ? new Flow(context, p.srcHi, p.srcLo, p.srcPort, p.dstHi, p.dstLo, p.dstPort)
            : new Flow(context, p.dstHi, p.dstLo, p.dstPort, p.srcHi, p.srcLo, p.srcPort);
    TcpConnection conn =
        new TcpConnection(
            new IpAddress(f.clientHi, f.clientLo), f.clientPort,
            new IpAddress(f.serverHi, f.serverLo), f.serverPort);
    StreamListener listener = null;
    try {
      listener = factories[f.serverPort].open(conn, p.tsMicros);
    } catch (RuntimeException e) {
      counters.listenerErrors.inc();
    }
    f.attach(listener != null ? listener : IgnoringListener.INSTANCE);
    table.add(f, p.tsMicros);
    counters.connectionsOpened.inc();
    return f;
  }

  private void close(Flow f, long now, CloseReason reason) {
    table.remove(f);
    f.close(now, reason);
  }

  /** Stands in when a factory declines a connection: its segments are still tracked, then dropped. */
  private enum IgnoringListener implements StreamListener {
    INSTANCE;

    @Override
    public void onData(boolean fromClient, long tsMicros, byte[] buf, int offset, int length) {}

    @Override
    public void onGap(boolean fromClient, long tsMicros, long missingBytes) {}

    @Override
    public void onClose(long tsMicros, CloseReason reason) {}
  }
}
