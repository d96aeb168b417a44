package io.peerscope.agent.dns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peerscope.agent.decode.IpAddress;
import io.peerscope.agent.log.DnsLogWriter;
import io.peerscope.agent.metrics.Counters;
import io.peerscope.agent.synth.DnsWire;
import io.peerscope.agent.synth.FrameBuilder;
import io.peerscope.agent.synth.PcapWriter;
import io.peerscope.agent.synth.TcpConversation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** Capture file to dns.jsonl: the project's reader, decoder, DNS layer and log writer together. */
class DnsPipelineTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final IpAddress RESOLVER = IpAddress.parse("192.0.2.53");
  private static final IpAddress HOST = IpAddress.parse("192.0.2.10");
  private static final IpAddress HOST6 = IpAddress.parse("2001:db8::10");
  private static final IpAddress RESOLVER6 = IpAddress.parse("2001:db8::53");
  private static final long T0 = 1_700_000_000_000_000L;

  @TempDir Path dir;

  @Test
  void aCaptureBecomesOneLogLinePerTransaction() throws Exception {
    Path pcap = dir.resolve("resolver-with-one-silent-query.pcap");
    try (PcapWriter w = PcapWriter.create(pcap)) {
      w.write(T0, FrameBuilder.udp(HOST, 40001, RESOLVER, 53, DnsWire.query(1, "mail.example.com", Type.MX)));
      w.write(T0 + 1_500, FrameBuilder.udp(RESOLVER, 53, HOST, 40001,
          DnsWire.response(1, "mail.example.com", Type.MX, Rcode.NOERROR, DnsWire.mx("mail.example.com", 300, 10, "mx1.example.com"))));
      w.write(T0 + 2_000, FrameBuilder.udp(HOST6, 40002, RESOLVER6, 53, DnsWire.query(2, "www.example.com", Type.AAAA)));
      w.write(T0 + 2_300, FrameBuilder.udp(RESOLVER6, 53, HOST6, 40002,
          DnsWire.response(2, "www.example.com", Type.AAAA, Rcode.NOERROR, DnsWire.aaaa("www.example.com", 60, "2001:db8::80"))));
      w.write(T0 + 3_000, FrameBuilder.udp(HOST, 40003, RESOLVER, 53, DnsWire.query(3, "silent.example.com", Type.A)));
      w.write(T0 + 4_000, FrameBuilder.udp(RESOLVER, 53, HOST, 40004,
          DnsWire.response(4, "nobody-asked.example.com", Type.A, Rcode.NXDOMAIN)));
    }
    Counters counters = new Counters();
    try (DnsLogWriter log = DnsLogWriter.open(dir, false, counters)) {
      DnsReplay.replay(pcap, counters, DnsLimits.DEFAULTS, p -> {}, log);
    }
    List<JsonNode> lines = new ArrayList<>();
    for (String l : Files.readAllLines(dir.resolve("dns.jsonl"), StandardCharsets.UTF_8)) {
      lines.add(JSON.readTree(l));
    }
    assertThat(lines).extracting(n -> n.get("query").asText())
        .containsExactly("mail.example.com", "www.example.com", "nobody-asked.example.com", "silent.example.com");
    JsonNode mx = lines.get(0);
    assertThat(mx.get("ts").decimalValue()).isEqualByComparingTo("1700000000.000000");
    assertThat(mx.get("rtt").decimalValue()).isEqualByComparingTo("0.0015");
    assertThat(mx.get("answers").get(0).asText()).isEqualTo("mx1.example.com");
    assertThat(mx.get("qtype_name").asText()).isEqualTo("MX");
    JsonNode v6 = lines.get(1);
    assertThat(v6.get("client").asText()).isEqualTo("2001:db8::10");
    assertThat(v6.get("answers").get(0).asText()).isEqualTo("2001:db8::80");
    JsonNode unsolicited = lines.get(2);
    assertThat(unsolicited.get("rtt").isNull()).isTrue();
    assertThat(unsolicited.get("rcode_name").asText()).isEqualTo("NXDOMAIN");
    assertThat(unsolicited.get("client_port").asInt()).isEqualTo(40004);
    JsonNode silent = lines.get(3);
    assertThat(silent.get("rcode").isNull()).isTrue();
    assertThat(counters.get("dns.unanswered")).isEqualTo(1);
    assertThat(counters.get("dns.unsolicited")).isEqualTo(1);
    assertThat(counters.get("log.dns.lines")).isEqualTo(4);
  }

  @Test
  void aFloodOfUnansweredQueriesKeepsThePendingTableAtItsCap() throws Exception {
    Path pcap = dir.resolve("flood-of-unanswered-queries.pcap");
    int queries = 20_000;
    try (PcapWriter w = PcapWriter.create(pcap)) {
      for (int i = 0; i < queries; i++) {
        IpAddress src = IpAddress.ofV4(0x0a000000 | (i & 0xffff));
        // all within one second: no query times out, only the cap holds the table
        w.write(T0 + i * 10L, FrameBuilder.udp(src, 1024 + (i % 50_000), RESOLVER, 53,
            DnsWire.query(i & 0xffff, "r" + i + ".flood.example", Type.A)));
      }
    }
    Counters counters = new Counters();
    int[] maxPending = {0};
    List<DnsTransaction> lines =
        DnsReplay.replay(pcap, counters, DnsLimits.DEFAULTS.withMaxPending(1_000), p -> maxPending[0] = Math.max(maxPending[0], p));
    assertThat(maxPending[0]).isEqualTo(1_000);
    assertThat(counters.get("dns.pending_evicted")).isEqualTo(queries - 1_000);
    assertThat(counters.get("dns.unanswered")).isEqualTo(queries);
    assertThat(lines).hasSize(queries);
  }

  @Test
  void dnsOverTcpWithPipelinedQueriesSpanningSmallSegments() throws Exception {
    Path pcap = dir.resolve("tcp-pipelined-queries-7-byte-segments.pcap");
    try (PcapWriter w = PcapWriter.create(pcap)) {
      new TcpConversation(HOST, 50000, RESOLVER, 53, T0)
          .segmentSize(7)
          .open()
          .clientSends(DnsWire.tcpFramed(
              DnsWire.query(10, "one.example.com", Type.A), DnsWire.query(11, "two.example.com", Type.TXT)))
          .serverSends(DnsWire.tcpFramed(
              DnsWire.response(11, "two.example.com", Type.TXT, Rcode.NOERROR, DnsWire.txt("two.example.com", 30, "hello")),
              DnsWire.response(10, "one.example.com", Type.A, Rcode.NOERROR, DnsWire.a("one.example.com", 30, "192.0.2.1"))))
          .close()
          .writeTo(w);
    }
    Counters counters = new Counters();
    List<DnsTransaction> lines = DnsReplay.replay(pcap, counters);
    assertThat(lines).extracting(DnsTransaction::query).containsExactly("two.example.com", "one.example.com");
    assertThat(lines).extracting(DnsTransaction::proto).containsOnly("tcp");
    assertThat(lines).allSatisfy(t -> assertThat(t.rttMicros()).isNotNull().isPositive());
    assertThat(lines.get(0).answers()).containsExactly("hello");
    assertThat(lines.get(1).client()).isEqualTo(HOST);
    assertThat(lines.get(1).serverPort()).isEqualTo(53);
  }

  @Test
  void aLostTcpSegmentDropsTheRestOfThatDirection() throws Exception {
    Path pcap = dir.resolve("tcp-response-segment-lost.pcap");
    List<TcpConversation.Segment> segments =
        new ArrayList<>(new TcpConversation(HOST, 50001, RESOLVER, 53, T0)
            .segmentSize(20)
            .open()
            .clientSends(DnsWire.tcpFramed(DnsWire.query(20, "lost.example.com", Type.A), DnsWire.query(21, "after.example.com", Type.A)))
            .serverSends(DnsWire.tcpFramed(
                DnsWire.response(20, "lost.example.com", Type.A, Rcode.NOERROR, DnsWire.a("lost.example.com", 30, "192.0.2.20")),
                DnsWire.response(21, "after.example.com", Type.A, Rcode.NOERROR, DnsWire.a("after.example.com", 30, "192.0.2.21"))))
            .close()
            .segments());
    // drop the server's second data segment: the first response is cut, the second can never be framed
    int serverData = 0;
    for (int i = 0; i < segments.size(); i++) {
      TcpConversation.Segment s = segments.get(i);
      if (!s.fromClient() && s.payload().length > 0 && ++serverData == 2) {
        segments.remove(i);
        break;
      }
    }
    try (PcapWriter w = PcapWriter.create(pcap)) {
      TcpConversation.write(segments, w);
    }
    Counters counters = new Counters();
    List<DnsTransaction> lines = DnsReplay.replay(pcap, counters);
    assertThat(counters.get("dns.tcp.gaps")).isEqualTo(1);
    assertThat(lines).extracting(DnsTransaction::query).containsExactlyInAnyOrder("lost.example.com", "after.example.com");
    assertThat(lines).allSatisfy(t -> assertThat(t.hasResponse()).isFalse());
  }
}
