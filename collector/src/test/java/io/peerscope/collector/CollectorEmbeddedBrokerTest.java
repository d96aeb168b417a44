package io.peerscope.collector;

import static io.peerscope.collector.TestSupport.await;
import static io.peerscope.collector.TestSupport.findingJson;
import static io.peerscope.collector.TestSupport.get;
import static io.peerscope.collector.TestSupport.publish;
import static io.peerscope.collector.TestSupport.publisher;
import static io.peerscope.collector.TestSupport.statusJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerscope.wire.Finding;
import io.peerscope.wire.Rejection;
import io.peerscope.wire.WireJson;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with the embedded HiveMQ broker: a Paho publisher, like an agent, publishes findings
 * and status; the HTTP API shows them. One collector for the class (broker start-up is the
 * expensive part); tests use their own sensor ids so they do not see each other's data.
 */
class CollectorEmbeddedBrokerTest {
  @TempDir static Path dataDir;
  static Collector collector;

  @BeforeAll
  static void start() throws Exception {
    CollectorConfig config =
        CollectorConfig.defaults()
            .withHttp(new HostPort("127.0.0.1", 0))
            .withMqttListen(new HostPort("127.0.0.1", 0))
            .withDataDir(dataDir)
            .withDbUrl(null); // the defaults: H2 file and broker file persistence under dataDir
    collector = Collector.start(config);
    assertThat(collector.awaitBrokerConnection(30, TimeUnit.SECONDS))
        .as("collector subscribed on the embedded broker")
        .isTrue();
  }

  @AfterAll
  static void stop() {
    if (collector != null) {
      collector.close();
    }
  }

  @Test
  void publishedFindingAndStatusAppearInTheApi() throws Exception {
    assertThat(collector.httpPort()).isPositive();
    assertThat(collector.mqttPort()).isPositive();
    MqttClient agent = publisher(collector.brokerUrl(), "agent-e2e", null, null);
    try {
      publish(agent, "peerscope/pi-e2e/status", statusJson("pi-e2e", "online"), 1, true);
      publish(
          agent,
          "peerscope/pi-e2e/findings",
          findingJson("pi-e2e", "dns.exclusive-peer", "mail1.example.com",
              "2016-05-13T14:40:00Z", 123, "{\"top_peers\":[{\"peer\":\"10.0.0.5\",\"share\":0.97}]}"),
          1,
          false);
    } finally {
      agent.disconnect();
      agent.close();
    }
    assertThat(await(() -> findings("?sensor=pi-e2e").size() == 1, Duration.ofSeconds(10))).isTrue();
    JsonNode finding = findings("?sensor=pi-e2e").get(0);
    assertThat(finding.get("id").asText())
        .isEqualTo(Finding.stableId("pi-e2e", "dns.exclusive-peer", "mail1.example.com"));
    assertThat(finding.get("v").asInt()).isEqualTo(1);
    assertThat(finding.get("kind").asText()).isEqualTo("dns.exclusive-peer");
    assertThat(finding.get("subject").asText()).isEqualTo("mail1.example.com");
    assertThat(finding.get("first_seen").asText()).isEqualTo("2016-05-02T06:12:00Z");
    assertThat(finding.get("last_seen").asText()).isEqualTo("2016-05-13T14:40:00Z");
    assertThat(finding.get("count").asLong()).isEqualTo(123);
    assertThat(finding.at("/evidence/top_peers/0/share").asDouble()).isEqualTo(0.97);
    assertThat(finding.get("sensors").toString()).isEqualTo("[\"pi-e2e\"]");

    assertThat(await(() -> sensor("pi-e2e") != null && "online".equals(sensor("pi-e2e").path("state").asText()),
        Duration.ofSeconds(10))).isTrue();
    JsonNode sensor = sensor("pi-e2e");
    assertThat(sensor.get("version").asText()).isEqualTo("0.1.0");
    assertThat(sensor.at("/counters/capture.packets").asLong()).isEqualTo(1200);
    assertThat(sensor.get("last_seen").asText()).endsWith("Z");

    assertThat(get(collector.httpPort(), "/healthz").statusCode()).isEqualTo(200);
  }

  @Test
  void duplicateDeliveryKeepsOneRowAndGrownEvidenceUpdatesIt() throws Exception {
    MqttClient agent = publisher(collector.brokerUrl(), "agent-dup", null, null);
    String first = findingJson("pi-dup", "dns.beaconing", "c2.example.net",
        "2016-05-03T00:00:00Z", 10, "{\"interval_s\":60}");
    String grown = findingJson("pi-dup", "dns.beaconing", "c2.example.net",
        "2016-05-04T00:00:00Z", 25, "{\"interval_s\":60,\"samples\":25}");
    try {
      publish(agent, "peerscope/pi-dup/findings", first, 1, false);
      publish(agent, "peerscope/pi-dup/findings", first, 1, false);
      publish(agent, "peerscope/pi-dup/findings", grown, 1, false);
      // a late redelivery of the first version must not roll the finding back
      publish(agent, "peerscope/pi-dup/findings", first, 1, false);
      // MQTT keeps the order of one topic only: a marker finding after them on the same topic
      // is stored after all of them
      publish(agent, "peerscope/pi-dup/findings", findingJson("pi-dup", "dns.beaconing",
          "marker.example.net", "2016-05-05T00:00:00Z", 3, "{\"interval_s\":60}"), 1, false);
    } finally {
      agent.disconnect();
      agent.close();
    }
    assertThat(await(() -> findings("?sensor=pi-dup").size() == 2, Duration.ofSeconds(10))).isTrue();
    JsonNode found = findings("?sensor=pi-dup");
    JsonNode c2 = null;
    for (JsonNode f : found) {
      if (f.toString().contains("c2.example.net")) {
        assertThat(c2).as("one row for the duplicated finding").isNull();
        c2 = f;
      }
    }
    assertThat(c2).isNotNull();
    assertThat(c2.get("count").asLong()).isEqualTo(25);
    assertThat(c2.at("/evidence/samples").asInt()).isEqualTo(25);
    assertThat(c2.get("last_seen").asText()).isEqualTo("2016-05-04T00:00:00Z");
  }

  @Test
  void invalidMessagesAreCountedByReasonAndNothingIsStored() throws Exception {
    CollectorMetrics metrics = collector.metrics();
    long mismatch = metrics.invalidCount(Rejection.SENSOR_MISMATCH);
    long notJson = metrics.invalidCount(Rejection.NOT_JSON);
    long version = metrics.invalidCount(Rejection.BAD_VERSION);
    long kind = metrics.invalidCount(Rejection.BAD_KIND);
    long tooLarge = metrics.invalidCount(Rejection.TOO_LARGE);
    MqttClient agent = publisher(collector.brokerUrl(), "agent-bad", null, null);
    try {
      publish(agent, "peerscope/pi-bad/findings",
          findingJson("someone-else", "dns.beaconing", "x.example", "2016-05-03T00:00:00Z", 1, "{}"), 1, false);
      publish(agent, "peerscope/pi-bad/findings", "{not json", 1, false);
      publish(agent, "peerscope/pi-bad/findings",
          findingJson("pi-bad", "dns.beaconing", "x.example", "2016-05-03T00:00:00Z", 1, "{}")
              .replace("\"v\":1", "\"v\":2"), 1, false);
      publish(agent, "peerscope/pi-bad/findings",
          findingJson("pi-bad", "DNS beaconing!", "x.example", "2016-05-03T00:00:00Z", 1, "{}"), 1, false);
      publish(agent, "peerscope/pi-bad/findings",
          findingJson("pi-bad", "dns.beaconing", "x.example", "2016-05-03T00:00:00Z", 1,
              "{\"pad\":\"" + "a".repeat(300_000) + "\"}"), 1, false);
      publish(agent, "peerscope/pi-bad/status", new String(new byte[] {(byte) 0xff, 0x00, 0x7b}, java.nio.charset.StandardCharsets.ISO_8859_1), 1, false);
    } finally {
      agent.disconnect();
      agent.close();
    }
    assertThat(await(() -> metrics.invalidCount(Rejection.TOO_LARGE) > tooLarge, Duration.ofSeconds(10))).isTrue();
    assertThat(metrics.invalidCount(Rejection.SENSOR_MISMATCH)).isEqualTo(mismatch + 1);
    assertThat(metrics.invalidCount(Rejection.NOT_JSON)).isGreaterThanOrEqualTo(notJson + 1);
    assertThat(metrics.invalidCount(Rejection.BAD_VERSION)).isEqualTo(version + 1);
    assertThat(metrics.invalidCount(Rejection.BAD_KIND)).isEqualTo(kind + 1);
    assertThat(await(() -> metrics.invalidCount(Rejection.NOT_JSON) >= notJson + 2, Duration.ofSeconds(10))).isTrue();
    assertThat(findings("?sensor=pi-bad")).isEmpty();
    assertThat(findings("?sensor=someone-else")).isEmpty();
    String text = get(collector.httpPort(), "/metrics").body();
    assertThat(text).contains("# TYPE peerscope_collector_invalid_messages_total counter");
    assertThat(text).containsPattern("peerscope_collector_invalid_messages_total\\{reason=\"sensor_mismatch\"} [1-9]");
    assertThat(text).doesNotContain("pi-bad").doesNotContain("someone-else");
    assertThat(collector.isBrokerConnected()).as("bad input never cuts the subscription").isTrue();
  }

  @Test
  void aReplayBurstIsDeliveredWhole() throws Exception {
    // An agent replaying a file publishes thousands of QoS 1 messages in seconds, faster than the
    // collector stores them; the broker must queue them for it, not drop them.
    int burst = 5000;
    long before = collector.metrics().receivedCount(CollectorMetrics.Channel.SUMMARY);
    MqttAsyncClient agent =
        new MqttAsyncClient(collector.brokerUrl(), "agent-burst", new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setMaxInflight(burst);
    agent.connect(options).waitForCompletion(10_000);
    try {
      String summary = "{\"v\":1,\"sensor\":\"pi-burst\",\"counters\":{\"dns.transactions\":%d}}";
      IMqttDeliveryToken last = null;
      for (int i = 0; i < burst; i++) {
        last = agent.publish("peerscope/pi-burst/summary",
            String.format(summary, i).getBytes(java.nio.charset.StandardCharsets.UTF_8), 1, false);
      }
      last.waitForCompletion(30_000);
    } finally {
      agent.disconnect().waitForCompletion(5_000);
      agent.close();
    }
    assertThat(await(() -> collector.metrics().receivedCount(CollectorMetrics.Channel.SUMMARY) - before >= burst,
        Duration.ofSeconds(60))).isTrue();
    assertThat(collector.metrics().receivedCount(CollectorMetrics.Channel.SUMMARY) - before).isEqualTo(burst);
  }

  static JsonNode findings(String query) {
    try {
      var response = get(collector.httpPort(), "/api/findings" + query);
      assertThat(response.statusCode()).isEqualTo(200);
      return WireJson.mapper().readTree(response.body()).get("findings");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static JsonNode sensor(String id) {
    try {
      var response = get(collector.httpPort(), "/api/sensors");
      assertThat(response.statusCode()).isEqualTo(200);
      for (JsonNode node : WireJson.mapper().readTree(response.body()).get("sensors")) {
        if (id.equals(node.get("id").asText())) {
          return node;
        }
      }
      return null;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
