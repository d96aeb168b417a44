package io.peerscope.agent.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.capture.LinkType;
import io.peerscope.agent.metrics.Counters;
import io.peerscope.agent.synth.DnsWire;
import io.peerscope.agent.synth.FrameBuilder;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/** The unfragmented path allocates nothing per packet: measured with the JVM's own byte count. */
class DecoderAllocationTest {
  @Test
  void decodingUnfragmentedPacketsAllocatesNothing() {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Counters counters = new Counters();
    PacketDecoder decoder = new PacketDecoder(counters);
    Packet p = new Packet();
    byte[] v4 = FrameBuilder.udp(IpAddress.parse("192.0.2.1"), 40000, IpAddress.parse("198.51.100.53"), 53,
        DnsWire.query(1, "www.example.com", Type.A));
    byte[] v6 = FrameBuilder.tcp(IpAddress.parse("2001:db8::1"), 40000, IpAddress.parse("2001:db8::25"), 25,
        1, 2, Packet.ACK, new byte[100]);
    long decoded = 0;
    for (int i = 0; i < 50_000; i++) { // warm up: let the JIT compile the path first
      decoded += run(decoder, p, v4, v6);
    }
    long tid = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(tid);
    int packets = 200_000;
    for (int i = 0; i < packets / 2; i++) {
      decoded += run(decoder, p, v4, v6);
    }
    long allocated = threads.getThreadAllocatedBytes(tid) - before;
    assertThat(decoded).isEqualTo(50_000 * 2 + packets);
    // a few hundred bytes of measurement noise at most; one byte per packet would be 200 kB
    assertThat(allocated).as("bytes allocated for %d packets", packets).isLessThan(packets / 10);
  }

  private static int run(PacketDecoder decoder, Packet p, byte[] v4, byte[] v6) {
    int n = decoder.decode(LinkType.ETHERNET, 1, v4, 0, v4.length, p) ? 1 : 0;
    return n + (decoder.decode(LinkType.ETHERNET, 1, v6, 0, v6.length, p) ? 1 : 0);
  }
}
