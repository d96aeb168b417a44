package io.peerscope.agent.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.capture.LinkType;
import io.peerscope.agent.metrics.Counters;
import io.peerscope.agent.synth.FrameBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class FragmentReassemblyTest {
  private static final IpAddress RESOLVER = IpAddress.parse("198.51.100.53");
  private static final IpAddress CLIENT = IpAddress.parse("192.0.2.1");
  private static final IpAddress RESOLVER6 = IpAddress.parse("2001:db8::53");
  private static final IpAddress CLIENT6 = IpAddress.parse("2001:db8::1");

  private final Counters counters = new Counters();
  private final Packet p = new Packet();

  /** A large DNS response (DNSSEC-sized) split into 3 IPv4 fragments. */
  @Test
  void dnsResponseInThreeFragmentsInOrder() {
    PacketDecoder decoder = new PacketDecoder(counters);
    byte[] payload = pattern(3000);
    List<byte[]> frags = udpFragments(payload, 1200, 7);
    assertThat(frags).hasSize(3);
    assertThat(decode(decoder, frags.get(0))).isFalse();
    assertThat(decode(decoder, frags.get(1))).isFalse();
    assertThat(decode(decoder, frags.get(2))).isTrue();
    assertReassembled(payload);
    assertThat(decoder.reassembler().inFlight()).isZero();
    assertThat(decoder.reassembler().bytesHeld()).isZero();
    assertThat(counters.get("decode.fragments")).isEqualTo(3);
    assertThat(counters.get("decode.fragments_reassembled")).isEqualTo(1);
  }

  @Test
  void fragmentsOutOfOrder() {
    PacketDecoder decoder = new PacketDecoder(counters);
    byte[] payload = pattern(5000);
    List<byte[]> frags = udpFragments(payload, 1000, 8);
    Collections.reverse(frags); // the last fragment first, the first one last
    boolean[] done = new boolean[frags.size()];
    for (int i = 0; i < frags.size(); i++) {
      done[i] = decode(decoder, frags.get(i));
    }
    assertThat(done).containsExactly(false, false, false, false, false, true);
    assertReassembled(payload);
  }

  @Test
  void overlapKeepsTheBytesThatArrivedFirst() {
    PacketDecoder decoder = new PacketDecoder(counters);
    byte[] payload = pattern(2000);
    List<byte[]> frags = udpFragments(payload, 800, 9);
    byte[] forged = payload.clone();
    Arrays.fill(forged, 900, 1700, (byte) 0x66); // a second copy of the middle with other bytes
    byte[] evilMiddle = udpFragments(forged, 800, 9).get(1);
    assertThat(decode(decoder, frags.get(1))).isFalse();
    assertThat(decode(decoder, evilMiddle)).isFalse();
    assertThat(decode(decoder, frags.get(0))).isFalse();
    assertThat(decode(decoder, frags.get(2))).isTrue();
    assertReassembled(payload);
    assertThat(counters.get("decode.fragment_overlaps")).isEqualTo(1);
  }

  @Test
  void duplicateFragmentsAreHarmless() {
    PacketDecoder decoder = new PacketDecoder(counters);
    byte[] payload = pattern(1500);
    List<byte[]> frags = udpFragments(payload, 1000, 10);
    assertThat(decode(decoder, frags.get(0))).isFalse();
    assertThat(decode(decoder, frags.get(0))).isFalse(); // retransmitted by a confused middlebox
    assertThat(decode(decoder, frags.get(1))).isTrue();
    assertReassembled(payload);
  }

  @Test
  void ipv6FragmentsReassemble() {
    PacketDecoder decoder = new PacketDecoder(counters);
    byte[] payload = pattern(4000);
    byte[] udp = FrameBuilder.udpSegment(RESOLVER6, 53, CLIENT6, 5353, payload);
    List<byte[]> frags = FrameBuilder.ipv6Fragments(RESOLVER6, CLIENT6, 17, 0xabcdef, udp, 1232);
    assertThat(frags).hasSize(4);
    assertThat(decode(decoder, frags.get(2))).isFalse();
    assertThat(decode(decoder, frags.get(0))).isFalse();
    assertThat(decode(decoder, frags.get(3))).isFalse();
    assertThat(decode(decoder, frags.get(1))).isTrue();
    assertThat(p.ipVersion).isEqualTo(6);
    assertThat(p.src()).isEqualTo(RESOLVER6);
    assertThat(p.srcPort).isEqualTo(53);
    assertThat(p.dstPort).isEqualTo(5353);
    assertThat(Arrays.copyOfRange(p.buf, p.payloadOffset, p.payloadOffset + p.payloadLength)).isEqualTo(payload);
  }

  @Test
  void ipv6AtomicFragmentNeedsNoReassembly() {
    PacketDecoder decoder = new PacketDecoder(counters);
    byte[] payload = pattern(100);
    byte[] udp = FrameBuilder.udpSegment(RESOLVER6, 53, CLIENT6, 5353, payload);
    byte[] frame = FrameBuilder.ipv6Fragments(RESOLVER6, CLIENT6, 17, 1, udp, 1232).get(0); // offset 0, M=0
    assertThat(decode(decoder, frame)).isTrue();
    assertThat(p.payloadLength).isEqualTo(100);
    assertThat(decoder.reassembler().inFlight()).isZero();
  }

  @Test
  void floodOfNeverCompletedFragmentsStaysAtTheCap() {
    DecodeLimits limits = new DecodeLimits(4, 8, 64, 1L << 20, 30_000_000L);
    PacketDecoder decoder = new PacketDecoder(counters, limits);
    byte[] firstHalf = udpFragments(pattern(2000), 1000, 0).get(0);
    for (int id = 0; id < 10_000; id++) {
      byte[] f = firstHalf.clone();
      f[14 + 4] = (byte) (id >>> 8); // a new IP identification: a new datagram each time
      f[14 + 5] = (byte) id;
      assertThat(decode(decoder, f)).isFalse();
      assertThat(decoder.reassembler().inFlight()).isLessThanOrEqualTo(64);
      assertThat(decoder.reassembler().bytesHeld()).isLessThanOrEqualTo(1L << 20);
    }
    assertThat(decoder.reassembler().inFlight()).isEqualTo(64);
    assertThat(counters.get("decode.fragments_evicted")).isEqualTo(10_000 - 64);
  }

  @Test
  void byteCapEvictsTheOldest() {
    DecodeLimits limits = new DecodeLimits(4, 8, 1000, 256 * 1024, 30_000_000L);
    PacketDecoder decoder = new PacketDecoder(counters, limits);
    // middle fragments at 60 KB offset force 64 KiB buffers: only a few fit in 256 KiB
    for (int id = 0; id < 20; id++) {
      byte[] f = FrameBuilder.ethernet(FrameBuilder.ipv4(RESOLVER, CLIENT, 17, id, 60_000, true, new byte[800], 0, 800));
      assertThat(decode(decoder, f)).isFalse();
      assertThat(decoder.reassembler().bytesHeld()).isLessThanOrEqualTo(256 * 1024);
    }
    assertThat(decoder.reassembler().inFlight()).isBetween(1, 4);
    assertThat(counters.get("decode.fragments_evicted")).isEqualTo(20 - decoder.reassembler().inFlight());
  }

  @Test
  void incompleteDatagramsExpireInCaptureTime() {
    PacketDecoder decoder = new PacketDecoder(counters);
    List<byte[]> frags = udpFragments(pattern(3000), 1200, 11);
    decoder.decode(LinkType.ETHERNET, 1_000_000L, frags.get(0), 0, frags.get(0).length, p);
    decoder.onTick(30_999_999L);
    assertThat(decoder.reassembler().inFlight()).isEqualTo(1);
    decoder.onTick(31_000_000L);
    assertThat(decoder.reassembler().inFlight()).isZero();
    assertThat(counters.get("decode.fragment_timeouts")).isEqualTo(1);
    // the rest arriving late cannot complete the datagram
    assertThat(decoder.decode(LinkType.ETHERNET, 31_000_001L, frags.get(1), 0, frags.get(1).length, p)).isFalse();
    assertThat(decoder.decode(LinkType.ETHERNET, 31_000_002L, frags.get(2), 0, frags.get(2).length, p)).isFalse();
    decoder.onEnd(32_000_000L);
    assertThat(decoder.reassembler().inFlight()).isZero();
    assertThat(counters.get("decode.fragment_timeouts")).isEqualTo(2);
  }

  @Test
  void oversizedAndMisalignedFragmentsAreRejected() {
    PacketDecoder decoder = new PacketDecoder(counters);
    // "ping of death": offset 65528 plus 100 bytes runs past 65535
    byte[] death = FrameBuilder.ethernet(FrameBuilder.ipv4(CLIENT, RESOLVER, 1, 1, 65528, false, new byte[100], 0, 100));
    assertThat(decode(decoder, death)).isFalse();
    assertThat(counters.get("decode.fragment_too_large")).isEqualTo(1);
    // a middle fragment whose length is not a multiple of 8
    byte[] odd = FrameBuilder.ethernet(FrameBuilder.ipv4(CLIENT, RESOLVER, 17, 2, 0, true, new byte[13], 0, 13));
    assertThat(decode(decoder, odd)).isFalse();
    assertThat(counters.get("decode.bad_fragment")).isEqualTo(1);
    assertThat(decoder.reassembler().inFlight()).isZero();
  }

  @Test
  void dataBeyondTheDeclaredEndDropsTheDatagram() {
    PacketDecoder decoder = new PacketDecoder(counters);
    byte[] last = FrameBuilder.ethernet(FrameBuilder.ipv4(CLIENT, RESOLVER, 17, 3, 800, false, new byte[40], 0, 40));
    byte[] beyond = FrameBuilder.ethernet(FrameBuilder.ipv4(CLIENT, RESOLVER, 17, 3, 1600, true, new byte[80], 0, 80));
    assertThat(decode(decoder, last)).isFalse();
    assertThat(decode(decoder, beyond)).isFalse();
    assertThat(counters.get("decode.bad_fragment")).isEqualTo(1);
    assertThat(decoder.reassembler().inFlight()).isZero();
  }

  private boolean decode(PacketDecoder decoder, byte[] frame) {
    return decoder.decode(LinkType.ETHERNET, 1_000_000L, frame, 0, frame.length, p);
  }

  private List<byte[]> udpFragments(byte[] payload, int size, int id) {
    byte[] udp = FrameBuilder.udpSegment(RESOLVER, 53, CLIENT, 40000, payload);
    return new ArrayList<>(FrameBuilder.ipv4Fragments(RESOLVER, CLIENT, 17, id, udp, size));
  }

  private void assertReassembled(byte[] payload) {
    assertThat(p.protocol).isEqualTo(Packet.UDP);
    assertThat(p.src()).isEqualTo(RESOLVER);
    assertThat(p.dst()).isEqualTo(CLIENT);
    assertThat(p.srcPort).isEqualTo(53);
    assertThat(p.dstPort).isEqualTo(40000);
    assertThat(p.payloadLength).isEqualTo(payload.length);
    assertThat(Arrays.copyOfRange(p.buf, p.payloadOffset, p.payloadOffset + p.payloadLength)).isEqualTo(payload);
  }

  private static byte[] pattern(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 7 + i / 251);
    }
    return b;
  }
}
