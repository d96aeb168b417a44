package io.peerscope.agent.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerscope.agent.metrics.Counters;
import io.peerscope.wire.Finding;
import io.peerscope.wire.WireJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FindingLogTest {
  @TempDir Path dir;

  private static Finding exclusivePeer(long count) {
    return Finding.of(
        "demo",
        "dns.exclusive-peer",
        "medium",
        "mail1.example.com",
        Instant.parse("2016-05-02T06:12:00Z"),
        Instant.parse("2016-05-13T14:40:00Z"),
        count,
        "only 10.0.0.5 asks for mail1.example.com",
        Map.of("top_peers", List.of(Map.of("peer", "10.0.0.5", "share", 1.0))));
  }

  @Test
  void writesOneLinePerEmissionWithTheWireJson() throws Exception {
    Counters counters = new Counters();
    Finding first = exclusivePeer(3);
    Finding grown = exclusivePeer(123);
    try (FindingLog log = FindingLog.open(dir.resolve("logs"), false, counters)) {
      log.emit(first);
      log.emit(grown);
    }

    List<String> lines =
        Files.readAllLines(dir.resolve("logs").resolve("findings.jsonl"), StandardCharsets.UTF_8);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).isEqualTo(WireJson.mapper().writeValueAsString(first));
    JsonNode second = WireJson.mapper().readTree(lines.get(1));
    assertThat(second.get("id").asText()).isEqualTo(first.id());
    assertThat(second.get("count").asLong()).isEqualTo(123);
    assertThat(second.get("first_seen").asText()).isEqualTo("2016-05-02T06:12:00Z");
    assertThat(second.get("evidence").get("top_peers").get(0).get("peer").asText())
        .isEqualTo("10.0.0.5");
    assertThat(WireJson.mapper().readValue(lines.get(1), Finding.class)).isEqualTo(grown);
    assertThat(counters.get("log.findings_written")).isEqualTo(2);
    assertThat(counters.get("log.findings_write_errors")).isZero();
  }

  @Test
  void eachLineIsVisibleBeforeClose() throws Exception {
    try (FindingLog log = FindingLog.open(dir, false, new Counters())) {
      log.emit(exclusivePeer(1));
      assertThat(Files.readAllLines(dir.resolve("findings.jsonl"))).hasSize(1);
    }
  }

  @Test
  void emitAfterCloseIsCountedNotThrown() throws Exception {
    Counters counters = new Counters();
    FindingLog log = FindingLog.open(dir, false, counters);
    log.close();

    log.emit(exclusivePeer(1));

    assertThat(counters.get("log.findings_write_errors")).isEqualTo(1);
    assertThat(Files.readString(dir.resolve("findings.jsonl"))).isEmpty();
  }

  @Test
  void liveRestartAppendsToWhatThePreviousRunWrote() throws Exception {
    Finding before = exclusivePeer(3);
    Finding after = exclusivePeer(4);
    try (FindingLog log = FindingLog.open(dir, true, new Counters())) {
      log.emit(before);
    }
    try (FindingLog log = FindingLog.open(dir, true, new Counters())) {
      log.emit(after);
    }

    assertThat(Files.readAllLines(dir.resolve("findings.jsonl"), StandardCharsets.UTF_8))
        .containsExactly(
            WireJson.mapper().writeValueAsString(before), WireJson.mapper().writeValueAsString(after));
  }

  @Test
  void replayStartsTheFileAfresh() throws Exception {
    try (FindingLog log = FindingLog.open(dir, true, new Counters())) {
      log.emit(exclusivePeer(3));
    }
    Finding replayed = exclusivePeer(7);
    try (FindingLog log = FindingLog.open(dir, false, new Counters())) {
      log.emit(replayed);
    }

    assertThat(Files.readAllLines(dir.resolve("findings.jsonl"), StandardCharsets.UTF_8))
        .containsExactly(WireJson.mapper().writeValueAsString(replayed));
  }
}
