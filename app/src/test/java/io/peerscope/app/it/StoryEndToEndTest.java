package io.peerscope.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peerscope.agent.synth.PcapWriter;
import io.peerscope.agent.synth.story.StoryCapture;
import io.peerscope.agent.synth.story.StoryCast;
import io.peerscope.agent.synth.story.StoryPlan;
import io.peerscope.app.Cli;
import io.peerscope.app.demo.CollectorApi;
import io.peerscope.collector.Collector;
import io.peerscope.collector.CollectorConfig;
import io.peerscope.collector.HostPort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4 through the whole agent command: the planted story written as a capture, replayed by
 * {@code peerscope agent}, published to a collector, and read back from its API (must-show 1);
 * the same capture twice, and split in two files with the agent restarted in between on the same
 * state directory (must-show 3).
 */
@Tag("system")
class StoryEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void apiShowsExactlyThePlantedFindingsWithUtcPlusThree() throws Exception {
    Path pcap = dir.resolve("story.pcap");
    StoryCapture.write(StoryPlan.full(), pcap);
    CollectorConfig cfg =
        CollectorConfig.defaults()
            .withHttp(new HostPort("127.0.0.1", 0))
            .withMqttListen(new HostPort("127.0.0.1", 0))
            .withDataDir(Files.createDirectories(dir.resolve("collector")))
            .withDbUrl("jdbc:h2:mem:story")
            .withBrokerPersistence(CollectorConfig.PERSIST_MEMORY);
    try (Collector collector = Collector.start(cfg)) {
      assertThat(collector.awaitBrokerConnection(10, TimeUnit.SECONDS)).isTrue();
      Cli.Run r = Cli.run("agent", "--read", pcap.toString(), "--sensor", "story",
          "--broker", "tcp://127.0.0.1:" + collector.mqttPort(), "--state", dir.resolve("state").toString(),
          "--logs", dir.resolve("logs").toString(), "--quiet");
      assertThat(r.exitCode()).as(r.err()).isZero();

      CollectorApi api = new CollectorApi("http://127.0.0.1:" + collector.httpPort());
      TreeSet<String> expected = new TreeSet<>();
      StoryCast.EXPECTED_FINDINGS.forEach(k -> expected.add(k.get(0) + " " + k.get(1)));
      // the agent exited once the broker had acknowledged every finding; the collector is done
      // when it stored every id the agent logged, so a late extra finding cannot slip past
      TreeSet<String> published = new TreeSet<>(lastPerId(dir.resolve("logs").resolve("findings.jsonl")).keySet());
      JsonNode findings = api.findings("story");
      long deadline = System.currentTimeMillis() + 30_000;
      while (!ids(findings).equals(published) && System.currentTimeMillis() < deadline) {
        Thread.sleep(200);
        findings = api.findings("story");
      }
      assertThat(ids(findings)).as("finding ids in the collector against the agent's findings.jsonl").isEqualTo(published);
      assertThat(kindsAndSubjects(findings)).isEqualTo(expected);
      for (JsonNode f : findings) {
        assertThat(StoryCast.CONTROL_NAMES).doesNotContain(f.path("subject").asText());
        assertThat(f.path("sensors").toString()).contains("story");
        JsonNode ev = f.path("evidence");
        switch (f.path("kind").asText()) {
          case "dns.exclusive-peer" -> {
            assertThat(ev.path("rhythm").path("utc_offset").asText()).isEqualTo("+03:00");
            assertThat(ev.path("rhythm").path("class").asText()).isEqualTo("office-hours");
          }
          case "dns.link-severed" ->
              assertThat(ev.path("last_good_answer").path("addresses").toString()).contains(StoryCast.MAIL_ADDRESS);
          case "dns.renamed-host" -> {
            assertThat(ev.path("earlier_name").asText()).isEqualTo(StoryCast.MAIL_HOST);
            assertThat(ev.path("address").asText()).isEqualTo(StoryCast.MAIL_ADDRESS);
            assertThat(ev.path("first_querier").asText()).isEqualTo(StoryCast.BANK_RESOLVER_2.toString());
          }
          case "dns.beaconing" -> assertThat(ev.path("rhythm").path("class").asText()).isEqualTo("periodic");
          default -> { }
        }
      }
      // eviction counters are published with the status: the collector's view carries them
      JsonNode counters = api.sensor("story").path("counters");
      while (!counters.has("track.transactions") && System.currentTimeMillis() < deadline) {
        Thread.sleep(200);
        counters = api.sensor("story").path("counters");
      }
      assertThat(counters.path("track.names.evicted").isNumber()).as("counters: %s", counters).isTrue();
      for (String c : new String[] {"track.names.evicted", "track.pairs.evicted", "track.clients.evicted",
          "track.addresses.evicted", "dns.pending_evicted"}) {
        assertThat(counters.has(c)).as("counter %s in the collector's /api/sensors: %s", c, counters).isTrue();
      }
    }
  }

  @Test
  void sameCaptureTwiceGivesTheSameFindings() throws Exception {
    Path pcap = dir.resolve("story.pcap");
    StoryCapture.write(StoryPlan.small(), pcap);
    Map<String, String> a = lastPerId(replay(pcap, "a", null));
    Map<String, String> b = lastPerId(replay(pcap, "b", null));
    assertThat(a).hasSize(StoryCast.EXPECTED_FINDINGS.size()).isEqualTo(b);
  }

  @Test
  void splitCaptureWithARestartLosesNoFinding() throws Exception {
    Path whole = dir.resolve("story.pcap");
    StoryCapture.write(StoryPlan.small(), whole);
    // day 16 of the story: after the name's removal (day 14), before its new name (day 18), so the
    // rename can only be told from what the first run learnt
    long split = Instant.parse("2016-05-18T00:00:00Z").getEpochSecond() * 1_000_000L;
    Path first = dir.resolve("first.pcap");
    Path second = dir.resolve("second.pcap");
    try (PcapWriter a = PcapWriter.create(first); PcapWriter b = PcapWriter.create(second)) {
      StoryCapture.writeSplit(StoryPlan.small(), split, a, b);
    }

    Map<String, String> reference = lastPerId(replay(whole, "whole", null));
    Path state = dir.resolve("state-split");
    Map<String, String> split1 = lastPerId(replay(first, "part1", state));
    Map<String, String> split2 = lastPerId(replay(second, "part2", state));
    Map<String, String> both = new LinkedHashMap<>(split1);
    both.putAll(split2);

    assertThat(kindsAndSubjects(both)).isEqualTo(kindsAndSubjects(reference));
    assertThat(kindsAndSubjects(split1)).doesNotContain("dns.renamed-host " + StoryCast.NEW_NAME);
    JsonNode renamed = JSON.readTree(both.values().stream()
        .filter(l -> l.contains("\"dns.renamed-host\"")).findFirst().orElseThrow());
    assertThat(renamed.path("evidence").path("earlier_name").asText()).isEqualTo(StoryCast.MAIL_HOST);
  }

  private Path replay(Path pcap, String name, Path state) throws Exception {
    Path logs = dir.resolve("logs-" + name);
    Cli.Run r = state == null
        ? Cli.run("agent", "--read", pcap.toString(), "--sensor", "story", "--logs", logs.toString(), "--quiet")
        : Cli.run("agent", "--read", pcap.toString(), "--sensor", "story", "--logs", logs.toString(),
            "--state", state.toString(), "--quiet");
    assertThat(r.exitCode()).as(r.err()).isZero();
    return logs.resolve("findings.jsonl");
  }

  /** The last line of each finding id: the finding as it stands at the end of the run. */
  private static Map<String, String> lastPerId(Path findingsLog) throws Exception {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : Files.readAllLines(findingsLog)) {
      out.put(JSON.readTree(line).path("id").asText(), line);
    }
    return out;
  }

  private static TreeSet<String> ids(JsonNode findings) {
    TreeSet<String> out = new TreeSet<>();
    findings.forEach(f -> out.add(f.path("id").asText()));
    return out;
  }

  private static TreeSet<String> kindsAndSubjects(Map<String, String> lines) throws Exception {
    TreeSet<String> out = new TreeSet<>();
    for (String l : lines.values()) {
      JsonNode f = JSON.readTree(l);
      out.add(f.path("kind").asText() + " " + f.path("subject").asText());
    }
    return out;
  }

  private static TreeSet<String> kindsAndSubjects(JsonNode findings) {
    TreeSet<String> out = new TreeSet<>();
    findings.forEach(f -> out.add(f.path("kind").asText() + " " + f.path("subject").asText()));
    return out;
  }
}
