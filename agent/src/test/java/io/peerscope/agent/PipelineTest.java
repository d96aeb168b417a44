package io.peerscope.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.capture.ClockListener;
import io.peerscope.agent.capture.LinkType;
import io.peerscope.agent.decode.IpAddress;
import io.peerscope.agent.decode.Packet;
import io.peerscope.agent.decode.PacketDecoder;
import io.peerscope.agent.dns.DnsLimits;
import io.peerscope.agent.dns.DnsTransaction;
import io.peerscope.agent.dns.DnsTransactionTable;
import io.peerscope.agent.dns.DnsUdpHandler;
import io.peerscope.agent.metrics.Counters;
import io.peerscope.agent.synth.DnsWire;
import io.peerscope.agent.synth.FrameBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

class PipelineTest {
  private static final IpAddress CLIENT = IpAddress.parse("192.0.2.10");
  private static final IpAddress RESOLVER = IpAddress.parse("192.0.2.53");
  private static final long T0 = 1_700_000_000_000_000L;

  private final Counters counters = new Counters();
  private final PacketDecoder decoder = new PacketDecoder(counters);
  private final DnsTransactionTable dns = new DnsTransactionTable(counters, DnsLimits.DEFAULTS);
  private final List<DnsTransaction> transactions = new ArrayList<>();
  private final List<Packet> tcp = new ArrayList<>();
  private final Ticks ticks = new Ticks();

  /** Records what the pipeline tells a component about time. */
  private static final class Ticks implements ClockListener {
    final List<Long> ticks = new ArrayList<>();
    final List<Long> ends = new ArrayList<>();

    @Override
    public void onTick(long nowMicros) {
      ticks.add(nowMicros);
    }

    @Override
    public void onEnd(long nowMicros) {
      ends.add(nowMicros);
    }
  }

  private Pipeline pipeline() {
    dns.addListener(transactions::add);
    DnsUdpHandler udp = new DnsUdpHandler(dns);
    return Pipeline.builder(decoder::decode, counters)
        .dnsOverUdp(udp::onPacket)
        .tcp(p -> tcp.add(copyOf(p)))
        .clock(decoder)
        .clock(dns)
        .clock(ticks)
        .build();
  }

  private static void feed(Pipeline p, long ts, byte[] frame) {
    p.onFrame(LinkType.ETHERNET, ts, frame, 0, frame.length, frame.length);
  }

  @Test
  void dnsOverUdpBecomesATransaction() {
    Pipeline p = pipeline();
    feed(p, T0, FrameBuilder.udp(CLIENT, 40000, RESOLVER, 53, DnsWire.query(7, "www.example.com", Type.A)));
    feed(p, T0 + 1500, FrameBuilder.udp(RESOLVER, 53, CLIENT, 40000,
        DnsWire.response(7, "www.example.com", Type.A, Rcode.NOERROR, DnsWire.a("www.example.com", 60, "198.51.100.7"))));
    p.end();
    assertThat(transactions).hasSize(1);
    DnsTransaction t = transactions.get(0);
    assertThat(t.query()).isEqualTo("www.example.com");
    assertThat(t.rttMicros()).isEqualTo(1500L);
    assertThat(t.answers()).containsExactly("198.51.100.7");
    assertThat(counters.get("pipeline.dns_udp_packets")).isEqualTo(2);
  }

  @Test
  void mdnsPortGoesToDnsAndOtherUdpIsIgnored() {
    Pipeline p = pipeline();
    feed(p, T0, FrameBuilder.udp(CLIENT, 5353, IpAddress.parse("224.0.0.251"), 5353, DnsWire.query(0, "printer.local", Type.A)));
    feed(p, T0 + 1, FrameBuilder.udp(CLIENT, 40000, RESOLVER, 123, new byte[48])); // NTP
    p.end();
    assertThat(counters.get("pipeline.dns_udp_packets")).isEqualTo(1);
    assertThat(counters.get("pipeline.ignored_packets")).isEqualTo(1);
    assertThat(transactions).extracting(DnsTransaction::query).containsExactly("printer.local");
  }

  @Test
  void tcpSegmentsGoToTheReassembler() {
    Pipeline p = pipeline();
    feed(p, T0, FrameBuilder.tcp(CLIENT, 40001, RESOLVER, 25, 1000, 0, Packet.SYN, new byte[0]));
    assertThat(tcp).hasSize(1);
    assertThat(tcp.get(0).dstPort).isEqualTo(25);
    assertThat(tcp.get(0).tcpFlags & Packet.SYN).isNotZero();
    assertThat(counters.get("pipeline.tcp_segments")).isEqualTo(1);
  }

  @Test
  void undecodableFramesAreCountedAndStillMoveTheClock() {
    Pipeline p = pipeline();
    byte[] runt = {0x02, 0x00, 0x00};
    feed(p, T0, runt);
    assertThat(counters.get("pipeline.undecoded_frames")).isEqualTo(1);
    assertThat(ticks.ticks).containsExactly(T0);
  }

  @Test
  void clockTicksAreThrottledMonotonicAndEndOnce() {
    Pipeline p = pipeline();
    byte[] frame = FrameBuilder.udp(CLIENT, 40000, RESOLVER, 123, new byte[4]);
    for (int i = 0; i <= 100; i++) {
      feed(p, T0 + i * 10_000L, frame); // a frame every 10 ms for one second
    }
    feed(p, T0 + 500_000, frame); // a frame from the past
    p.end();
    p.end();
    // first frame, then one tick per 100 ms of capture time
    assertThat(ticks.ticks).hasSize(11).isSorted();
    assertThat(ticks.ticks.get(0)).isEqualTo(T0);
    assertThat(ticks.ticks.get(10)).isEqualTo(T0 + 1_000_000);
    assertThat(counters.get("pipeline.clock_went_back")).isEqualTo(1);
    assertThat(ticks.ends).containsExactly(T0 + 1_000_000);
    assertThat(p.firstCaptureTimeMicros()).isEqualTo(T0);
  }

  @Test
  void unansweredQueryTimesOutThroughTheIdleClock() {
    Pipeline p = pipeline();
    p.advanceClock(T0 + 60_000_000); // before the first frame: nothing to advance
    assertThat(ticks.ticks).isEmpty();
    feed(p, T0, FrameBuilder.udp(CLIENT, 40000, RESOLVER, 53, DnsWire.query(9, "lost.example.net", Type.A)));
    p.advanceClock(T0 + 11_000_000); // a quiet network: the live timer moves time on
    assertThat(transactions).hasSize(1);
    assertThat(transactions.get(0).hasResponse()).isFalse();
    assertThat(counters.get("dns.unanswered")).isEqualTo(1);
  }

  @Test
  void framesAfterTheEndAreIgnored() {
    Pipeline p = pipeline();
    p.end();
    feed(p, T0, FrameBuilder.udp(CLIENT, 40000, RESOLVER, 53, DnsWire.query(1, "late.example.com", Type.A)));
    assertThat(counters.get("pipeline.dns_udp_packets")).isZero();
  }

  private static Packet copyOf(Packet p) {
    Packet c = new Packet();
    c.srcPort = p.srcPort;
    c.dstPort = p.dstPort;
    c.tcpFlags = p.tcpFlags;
    c.protocol = p.protocol;
    return c;
  }
}
