package io.peerscope.agent;

import io.peerscope.agent.capture.ClockListener;
import io.peerscope.agent.capture.FrameHandler;
import io.peerscope.agent.decode.Packet;
import io.peerscope.agent.metrics.Counter;
import io.peerscope.agent.metrics.Counters;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The path of every frame: decode, then UDP port 53 or 5353 to DNS and TCP to the reassembler,
 * while capture time drives every {@link ClockListener}. One thread calls {@link #onFrame}; the
 * live idle clock calls {@link #advanceClock} from another, so both hold the pipeline's lock
 * (uncontended nearly always, so it costs a compare-and-set per frame).
 */
public final class Pipeline implements FrameHandler {
  /**
   * Capture time between clock ticks. The shortest timeout any component keeps is about a second
   * (DNS queries, fragments); a tick per 100 ms keeps expiry within 10 % of it and costs nothing
   * at a million frames per second.
   */
  public static final long TICK_MICROS = 100_000;

  public static final int DNS_PORT = 53;
  public static final int MDNS_PORT = 5353;

  /** Fills {@code out} from one frame; false when the frame holds no UDP or TCP payload. */
  @FunctionalInterface
  public interface FrameDecoder {
    boolean decode(int linkType, long tsMicros, byte[] buf, int offset, int capLen, Packet out);
  }

  /** Receives a decoded packet; the packet and its bytes are only valid during the call. */
  @FunctionalInterface
  public interface PacketConsumer {
    void accept(Packet packet);
  }

  private final FrameDecoder decoder;
  private final PacketConsumer dns;
  private final PacketConsumer tcp;
  private final ClockListener[] clocks;
  private final Packet packet = new Packet();
  private final Counter undecoded;
  private final Counter dnsPackets;
  private final Counter tcpSegments;
  private final Counter ignored;
  private final Counter clockSkew;

  private boolean started;
  private long first;
  private long now;
  private long nextTick;
  private boolean ended;

  private Pipeline(Builder b) {
    this.decoder = Objects.requireNonNull(b.decoder, "decoder");
    this.dns = b.dns;
    this.tcp = b.tcp;
    this.clocks = b.clocks.toArray(new ClockListener[0]);
    this.undecoded = b.counters.counter("pipeline.undecoded_frames");
    this.dnsPackets = b.counters.counter("pipeline.dns_udp_packets");
    this.tcpSegments = b.counters.counter("pipeline.tcp_segments");
    this.ignored = b.counters.counter("pipeline.ignored_packets");
    this.clockSkew = b.counters.counter("pipeline.clock_went_back");
  }

  public static Builder builder(FrameDecoder decoder, Counters counters) {
    return new Builder(decoder, counters);
  }

  @Override
  public synchronized void onFrame(int linkType, long tsMicros, byte[] buf, int offset, int capLen, int wireLen) {
    if (ended) {
      return;
    }
    advance(tsMicros);
    if (!decoder.decode(linkType, tsMicros, buf, offset, capLen, packet)) {
      undecoded.inc(); // the decoder counted the reason
      return;
    }
    if (packet.protocol == Packet.UDP) {
      if (dns != null && isDnsPort(packet.srcPort, packet.dstPort)) {
        dnsPackets.inc();
        dns.accept(packet);
      } else {
        ignored.inc();
      }
    } else if (packet.protocol == Packet.TCP && tcp != null) {
      tcpSegments.inc();
      tcp.accept(packet);
    } else {
      ignored.inc();
    }
  }

  /**
   * Moves capture time forward without a frame: a quiet live network must still time out its
   * pending queries. Earlier times are ignored.
   */
  public synchronized void advanceClock(long nowMicros) {
    if (!ended && started) {
      advance(nowMicros);
    }
  }

  /** The end of the capture: every component flushes what it still holds. Idempotent. */
  public synchronized void end() {
    if (ended) {
      return;
    }
    ended = true;
    for (ClockListener c : clocks) {
      c.onEnd(now);
    }
  }

  /** The latest capture time seen, microseconds since the epoch; 0 before the first frame. */
  public synchronized long captureTimeMicros() {
    return now;
  }

  /** Capture time of the first frame; 0 before it. */
  public synchronized long firstCaptureTimeMicros() {
    return first;
  }

  private void advance(long ts) {
    if (!started) {
      started = true;
      first = ts;
      now = ts;
      tick();
      return;
    }
    if (ts < now) {
      // files merged from several interfaces or a stepped clock: time never runs backwards here
      clockSkew.inc();
      return;
    }
    now = ts;
    if (ts >= nextTick) {
      tick();
    }
  }

  private void tick() {
    nextTick = now + TICK_MICROS;
    for (ClockListener c : clocks) {
      c.onTick(now);
    }
  }

  static boolean isDnsPort(int srcPort, int dstPort) {
    return srcPort == DNS_PORT || dstPort == DNS_PORT || srcPort == MDNS_PORT || dstPort == MDNS_PORT;
  }

  /** Assembles a pipeline; consumers left unset drop their packets (counted as ignored). */
  public static final class Builder {
    private final FrameDecoder decoder;
    private final Counters counters;
    private PacketConsumer dns;
    private PacketConsumer tcp;
    private final List<ClockListener> clocks = new ArrayList<>();

    private Builder(FrameDecoder decoder, Counters counters) {
      this.decoder = decoder;
      this.counters = counters;
    }

    public Builder dnsOverUdp(PacketConsumer consumer) {
      this.dns = consumer;
      return this;
    }

    public Builder tcp(PacketConsumer consumer) {
      this.tcp = consumer;
      return this;
    }

    /** Listeners are ticked in the order added: add producers before their consumers. */
    public Builder clock(ClockListener listener) {
      clocks.add(Objects.requireNonNull(listener));
      return this;
    }

    public Pipeline build() {
      return new Pipeline(this);
    }
  }
}
