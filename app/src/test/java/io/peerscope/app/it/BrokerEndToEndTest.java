package io.peerscope.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerscope.app.Cli;
import io.peerscope.app.demo.CollectorApi;
import io.peerscope.app.demo.DemoCapture;
import io.peerscope.collector.Collector;
import io.peerscope.collector.CollectorConfig;
import io.peerscope.collector.HostPort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 2, must-show 4 at the command level: {@code peerscope agent --read ... --broker URL}
 * publishes, the collector stores, and its API shows what the agent published; once through the
 * collector's embedded broker, once through Debian's Mosquitto.
 */
@Tag("system")
class BrokerEndToEndTest {
  @TempDir Path dir;

  @Test
  void agentToEmbeddedBrokerOfTheCollector() throws Exception {
    Path pcap = dir.resolve("demo.pcap");
    long frames = DemoCapture.writeFile(pcap);
    CollectorConfig cfg = collectorConfig().withMqttListen(new HostPort("127.0.0.1", 0));
    try (Collector collector = Collector.start(cfg)) {
      assertThat(collector.awaitBrokerConnection(10, TimeUnit.SECONDS)).isTrue();
      publishAndCheck(collector, "tcp://127.0.0.1:" + collector.mqttPort(), pcap, frames, "it-embedded");
    }
  }

  @Test
  void agentToMosquittoToCollector() throws Exception {
    Path pcap = dir.resolve("demo.pcap");
    long frames = DemoCapture.writeFile(pcap);
    try (Mosquitto mosquitto = Mosquitto.start(Files.createDirectories(dir.resolve("mosquitto")))) {
      CollectorConfig cfg = collectorConfig().withFlags(null, mosquitto.url(), null, null);
      try (Collector collector = Collector.start(cfg)) {
        assertThat(collector.awaitBrokerConnection(10, TimeUnit.SECONDS)).isTrue();
        publishAndCheck(collector, mosquitto.url(), pcap, frames, "it-mosquitto");
      }
    }
  }

  private CollectorConfig collectorConfig() throws Exception {
    return CollectorConfig.defaults()
        .withHttp(new HostPort("127.0.0.1", 0))
        .withDataDir(Files.createDirectories(dir.resolve("collector")))
        .withDbUrl("jdbc:h2:mem:" + dir.getFileName())
        .withBrokerPersistence(CollectorConfig.PERSIST_MEMORY);
  }

  private void publishAndCheck(Collector collector, String brokerUrl, Path pcap, long frames, String sensor)
      throws Exception {
    Path logs = dir.resolve("logs-" + sensor);
    // three weeks of capture time: hourly summaries keep the burst within any broker's queue for
    // one subscriber (a summary per minute would be 30000 messages in a few seconds)
    Path cfg = dir.resolve("agent-" + sensor + ".yaml");
    Files.writeString(cfg, "broker:\n  summary_interval_seconds: 3600\n");
    Cli.Run r =
        Cli.run("agent", "--read", pcap.toString(), "--broker", brokerUrl, "--sensor", sensor, "--config", cfg.toString(),
            "--logs", logs.toString(), "--state", dir.resolve("state-" + sensor).toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    long transactions = Files.readAllLines(logs.resolve("dns.jsonl")).size();
    assertThat(transactions).isGreaterThan(100);

    CollectorApi api = new CollectorApi("http://127.0.0.1:" + collector.httpPort());
    JsonNode s = api.sensor(sensor);
    long deadline = System.currentTimeMillis() + 20_000;
    while ((s.path("counters").path("dns.transactions").asLong(-1) != transactions
            || !"offline".equals(s.path("state").asText()))
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
      s = api.sensor(sensor);
    }
    assertThat(s.path("id").asText()).isEqualTo(sensor);
    // the agent's last status, published at its clean exit, carries its final counters
    assertThat(s.path("counters").path("dns.transactions").asLong()).isEqualTo(transactions);
    assertThat(s.path("state").asText()).isEqualTo("offline");
    assertThat(s.path("version").asText()).isNotBlank();
    assertThat(api.status("/healthz")).isEqualTo(200);
    // what an admin reads off the status: packets, bytes, drops, parse errors, what was published
    JsonNode c = s.path("counters");
    assertThat(c.path("capture.frames").asLong()).isEqualTo(frames);
    // classic pcap: a 24-byte file header and a 16-byte header per record around the frames
    assertThat(c.path("capture.bytes").asLong()).isEqualTo(Files.size(pcap) - 24 - 16 * frames);
    assertThat(c.path("pipeline.undecoded_frames").asLong()).isZero();
    assertThat(c.path("dns.queries").asLong()).isPositive();
    assertThat(c.path("dns.unanswered").asLong()).isPositive();
    assertThat(c.has("publish.pending")).as("counters: %s", c).isTrue();
    assertThat(c.path("publish.findings_published").asLong()).isPositive();

    // every finding the agent logged is served by the API, once, under its stable id
    long findingIds =
        Files.readAllLines(logs.resolve("findings.jsonl")).stream()
            .map(l -> l.replaceAll(".*\"id\":\"([0-9a-f]+)\".*", "$1"))
            .distinct()
            .count();
    JsonNode findings = api.findings(sensor);
    deadline = System.currentTimeMillis() + 60_000;
    while (findings.size() < findingIds && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
      findings = api.findings(sensor);
    }
    assertThat(findingIds).as("the demo capture gives findings").isPositive();
    assertThat((long) findings.size()).isEqualTo(findingIds);
  }
}
