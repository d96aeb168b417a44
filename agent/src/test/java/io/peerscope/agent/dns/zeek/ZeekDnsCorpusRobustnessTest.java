package io.peerscope.agent.dns.zeek;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.capture.PcapFileSource;
import io.peerscope.agent.decode.Packet;
import io.peerscope.agent.decode.PacketDecoder;
import io.peerscope.agent.dns.DnsLimits;
import io.peerscope.agent.dns.DnsReplay;
import io.peerscope.agent.dns.DnsTransaction;
import io.peerscope.agent.dns.DnsTransactionTable;
import io.peerscope.agent.dns.DnsUdpHandler;
import io.peerscope.agent.metrics.Counters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every trace under zeek/dns, including those Zeek keeps only for their weird.log (corrupt EDNS,
 * malformed SVCB, deep compression, too many queries), goes through reader, decoder and DNS layer
 * without an exception; what is malformed is counted.
 */
class ZeekDnsCorpusRobustnessTest {
  /** Traces Zeek flags as malformed DNS, and the parse error each must be counted under. */
  static final Map<String, String> MALFORMED = Map.of(
      "dns-edns-ecs-bad.pcap", "dns.parse_errors.rdlength_overflow",
      "svcb-port-malformed.pcap", "dns.parse_errors.bad_rdata",
      "dns-svcb-rdlength-mismatch.pcap", "dns.parse_errors.bad_rdata");

  static List<Path> allTraces() throws IOException {
    try (Stream<Path> s = Files.walk(ZeekDnsConformanceTest.corpus())) {
      return s.filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng")).sorted().toList();
    }
  }

  @Test
  void everyTraceReplaysAndMalformedOnesAreCounted() throws IOException {
    List<Path> traces = allTraces();
    assertThat(traces).hasSizeGreaterThanOrEqualTo(20);
    for (Path trace : traces) {
      Counters counters = new Counters();
      List<DnsTransaction> lines = DnsReplay.replay(trace, counters);
      String name = trace.getFileName().toString();
      assertThat(counters.get("capture.frames")).as("frames of %s", name).isGreaterThan(0);
      assertThat(lines).as("transactions of %s", name).isNotEmpty();
      assertThat(counters.get("dns.transactions")).isEqualTo(lines.size());
      if (MALFORMED.containsKey(name)) {
        assertThat(counters.get(MALFORMED.get(name))).as("%s counted for %s", MALFORMED.get(name), name).isPositive();
      }
    }
  }

  @Test
  void everyPrefixOfEveryDnsPayloadInTheCorpusIsHandled() throws IOException {
    List<byte[]> payloads = new ArrayList<>();
    for (Path trace : allTraces()) {
      payloads.addAll(udpDnsPayloads(trace));
    }
    assertThat(payloads).hasSizeGreaterThan(100);
    Counters counters = new Counters();
    DnsTransactionTable table = new DnsTransactionTable(counters, DnsLimits.DEFAULTS.withMaxPending(1000));
    long[] lines = {0};
    table.addListener(t -> lines[0]++);
    long ts = 0;
    for (byte[] p : payloads) {
      for (int len = 0; len <= p.length; len++) {
        table.onMessage(ts++, 1, 2, 1000, 3, 4, 53, false, p, 0, len);
      }
    }
    table.onEnd(ts);
    assertThat(table.pending()).isZero();
    assertThat(lines[0]).isEqualTo(counters.get("dns.transactions")).isPositive();
    assertThat(counters.get("dns.parse_errors.truncated")).isPositive();
  }

  private static List<byte[]> udpDnsPayloads(Path trace) throws IOException {
    List<byte[]> out = new ArrayList<>();
    PacketDecoder decoder = new PacketDecoder(new Counters());
    Packet packet = new Packet();
    try (PcapFileSource source = PcapFileSource.open(trace, new Counters())) {
      source.run((linkType, ts, buf, off, capLen, wireLen) -> {
        if (decoder.decode(linkType, ts, buf, off, capLen, packet) && DnsUdpHandler.accepts(packet)) {
          out.add(Arrays.copyOfRange(packet.buf, packet.payloadOffset, packet.payloadOffset + packet.payloadLength));
        }
      });
    }
    return out;
  }
}
