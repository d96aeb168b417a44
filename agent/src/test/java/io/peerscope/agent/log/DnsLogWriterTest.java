package io.peerscope.agent.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peerscope.agent.decode.IpAddress;
import io.peerscope.agent.dns.DnsTransaction;
import io.peerscope.agent.metrics.Counters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DnsLogWriterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  static final DnsTransaction ANSWERED =
      new DnsTransaction(
          1_464_852_720_000_123L,
          IpAddress.parse("192.168.6.10"),
          53209,
          IpAddress.parse("2001:db8::53"),
          53,
          "udp",
          41477,
          75_138L,
          "evil\"name\\\u0007.example",
          1,
          48,
          "DNSKEY",
          0,
          "NOERROR",
          false,
          false,
          true,
          true,
          1,
          List.of("257 3 5 AwEAAQ==", "<b>html</b>"),
          List.of(455L, 4_294_967_295L),
          List.of(48, 16),
          true,
          true);

  static final DnsTransaction UNANSWERED =
      new DnsTransaction(
          2_000_000L, IpAddress.parse("10.0.0.1"), 1000, IpAddress.parse("10.0.0.53"), 53, "tcp", 7, null, "x.example",
          1, 1, "A", null, null, false, false, true, false, 0, List.of(), List.of(), List.of(), true, false);

  @Test
  void writesEveryContractFieldOneLinePerTransaction() throws Exception {
    Counters counters = new Counters();
    try (DnsLogWriter w = DnsLogWriter.open(dir, false, counters)) {
      w.onTransaction(ANSWERED);
      w.onTransaction(UNANSWERED);
    }
    List<String> lines = Files.readAllLines(dir.resolve("dns.jsonl"), StandardCharsets.UTF_8);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).startsWith("{\"ts\":1464852720.000123,\"client\":\"192.168.6.10\",\"client_port\":53209,");
    JsonNode a = JSON.readTree(lines.get(0));
    assertThat(a.properties()).extracting(java.util.Map.Entry::getKey)
        .containsExactly("ts", "client", "client_port", "server", "server_port", "proto", "trans_id", "rtt", "query",
            "qclass", "qtype", "qtype_name", "rcode", "rcode_name", "aa", "tc", "rd", "ra", "z", "answers", "ttls");
    assertThat(a.get("ts").isNumber()).isTrue();
    assertThat(a.get("server").asText()).isEqualTo("2001:db8::53");
    assertThat(a.get("rtt").decimalValue()).isEqualByComparingTo("0.075138");
    assertThat(a.get("query").asText()).isEqualTo("evil\"name\\\u0007.example");
    assertThat(a.get("answers").get(1).asText()).isEqualTo("<b>html</b>");
    assertThat(a.get("ttls").get(1).asLong()).isEqualTo(4_294_967_295L);
    assertThat(a.get("rd").asBoolean()).isTrue();
    JsonNode u = JSON.readTree(lines.get(1));
    assertThat(u.get("rtt").isNull()).isTrue();
    assertThat(u.get("rcode").isNull()).isTrue();
    assertThat(u.get("rcode_name").isNull()).isTrue();
    assertThat(u.get("answers").size()).isZero();
    assertThat(u.get("proto").asText()).isEqualTo("tcp");
    assertThat(counters.get("log.dns.lines")).isEqualTo(2);
  }

  @Test
  void appendKeepsEarlierLinesAndReplaceStartsAfresh() throws Exception {
    Counters counters = new Counters();
    try (DnsLogWriter w = DnsLogWriter.open(dir, false, counters)) {
      w.onTransaction(UNANSWERED);
    }
    try (DnsLogWriter w = DnsLogWriter.open(dir, true, counters)) {
      w.onTransaction(UNANSWERED);
    }
    assertThat(Files.readAllLines(dir.resolve("dns.jsonl"))).hasSize(2);
    try (DnsLogWriter w = DnsLogWriter.open(dir, false, counters)) {
      w.onTransaction(UNANSWERED);
    }
    assertThat(Files.readAllLines(dir.resolve("dns.jsonl"))).hasSize(1);
  }

  @Test
  void writingAfterCloseIsCountedNotThrown() throws Exception {
    Counters counters = new Counters();
    DnsLogWriter w = DnsLogWriter.open(dir, false, counters);
    w.close();
    w.onTransaction(UNANSWERED);
    w.flush();
    assertThat(counters.get("log.dns.write_errors")).isEqualTo(1);
  }
}
