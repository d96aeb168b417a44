package io.peerscope.microbench;

import io.peerscope.agent.capture.LinkType;
import io.peerscope.agent.decode.IpAddress;
import io.peerscope.agent.decode.Packet;
import io.peerscope.agent.decode.PacketDecoder;
import io.peerscope.agent.metrics.Counters;
import io.peerscope.agent.synth.DnsWire;
import io.peerscope.agent.synth.FrameBuilder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Link, IP and UDP decoding of one Ethernet frame carrying a DNS query, IPv4 and IPv6. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class DecodeBench {
  private final PacketDecoder decoder = new PacketDecoder(new Counters());
  private final Packet packet = new Packet();
  private byte[] v4;
  private byte[] v6;

  @Setup
  public void setUp() {
    byte[] query = DnsWire.query(4711, "www.example.com", 1);
    v4 = FrameBuilder.udp(IpAddress.parse("10.0.0.1"), 40000, IpAddress.parse("192.0.2.53"), 53, query);
    v6 = FrameBuilder.udp(IpAddress.parse("2001:db8::1"), 40000, IpAddress.parse("2001:db8::53"), 53, query);
  }

  @Benchmark
  public int ipv4Udp() {
    decoder.decode(LinkType.ETHERNET, 1L, v4, 0, v4.length, packet);
    return packet.payloadLength;
  }

  @Benchmark
  public int ipv6Udp() {
    decoder.decode(LinkType.ETHERNET, 1L, v6, 0, v6.length, packet);
    return packet.payloadLength;
  }
}
