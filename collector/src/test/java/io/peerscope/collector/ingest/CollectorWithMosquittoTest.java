package io.peerscope.collector.ingest;

import static io.peerscope.collector.TestSupport.await;
import static io.peerscope.collector.TestSupport.findingJson;
import static io.peerscope.collector.TestSupport.get;
import static io.peerscope.collector.TestSupport.publish;
import static io.peerscope.collector.TestSupport.publisher;
import static io.peerscope.collector.TestSupport.statusJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.collector.Collector;
import io.peerscope.collector.CollectorConfig;
import io.peerscope.collector.HostPort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collector against a real external broker: Debian's Mosquitto. */
@Tag("system")
class CollectorWithMosquittoTest {
  @TempDir Path dir;

  private CollectorConfig config(String brokerUrl) {
    return CollectorConfig.defaults()
        .withHttp(new HostPort("127.0.0.1", 0))
        .withBrokerUrl(brokerUrl)
        .withDataDir(dir.resolve("data"))
        .withDbUrl("jdbc:h2:file:" + dir.resolve("data/collector"));
  }

  private static boolean apiShows(Collector collector, String query, String text) {
    try {
      return get(collector.httpPort(), "/api/findings" + query).body().contains(text);
    } catch (Exception e) {
      return false;
    }
  }

  private static int health(Collector collector) {
    try {
      return get(collector.httpPort(), "/healthz").statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  private static void publishFinding(String url, String sensor, String subject) throws Exception {
    MqttClient agent = publisher(url, "agent-" + sensor, null, null);
    try {
      publish(agent, "peerscope/" + sensor + "/findings",
          findingJson(sensor, "dns.link-severed", subject, "2016-05-10T00:00:00Z", 4, "{}"), 1, false);
      publish(agent, "peerscope/" + sensor + "/status", statusJson(sensor, "online"), 1, true);
    } finally {
      agent.disconnect();
      agent.close();
    }
  }

  @Test
  void findingsFlowThroughMosquittoAndQueuedOnesSurviveACollectorRestart() throws Exception {
    try (MosquittoBroker mosquitto = new MosquittoBroker(dir)) {
      mosquitto.start();
      try (Collector collector = Collector.start(config(mosquitto.url()))) {
        assertThat(collector.awaitBrokerConnection(20, TimeUnit.SECONDS)).isTrue();
        assertThat(collector.mqttPort()).isEqualTo(mosquitto.port());
        publishFinding(mosquitto.url(), "pi-mosq", "backup.example.org");
        assertThat(await(() -> apiShows(collector, "?sensor=pi-mosq", "backup.example.org"),
            Duration.ofSeconds(10))).isTrue();
        assertThat(get(collector.httpPort(), "/api/sensors").body()).contains("\"pi-mosq\"");
        assertThat(health(collector)).isEqualTo(200);
      }
      // The collector is away; its persistent session makes Mosquitto queue this QoS 1 finding.
      publishFinding(mosquitto.url(), "pi-mosq", "while-away.example.org");
      try (Collector collector = Collector.start(config(mosquitto.url()))) {
        assertThat(await(() -> apiShows(collector, "?sensor=pi-mosq", "while-away.example.org"),
            Duration.ofSeconds(15))).as("queued QoS 1 finding delivered after reconnect").isTrue();
        assertThat(apiShows(collector, "?sensor=pi-mosq", "backup.example.org")).isTrue();
      }
    }
  }

  @Test
  void healthzIs503WhileTheBrokerIsDownAndRecoversWithIt() throws Exception {
    try (MosquittoBroker mosquitto = new MosquittoBroker(dir)) {
      // started before its broker: runs, but is not healthy
      try (Collector collector = Collector.start(config(mosquitto.url()))) {
        assertThat(health(collector)).isEqualTo(503);
        mosquitto.start();
        assertThat(await(() -> health(collector) == 200, Duration.ofSeconds(20)))
            .as("connects once the broker is up").isTrue();
        mosquitto.kill();
        assertThat(await(() -> health(collector) == 503, Duration.ofSeconds(10)))
            .as("503 once the broker is gone").isTrue();
        assertThat(get(collector.httpPort(), "/metrics").body())
            .containsPattern("peerscope_collector_broker_up 0");
        // a restarted broker has forgotten the session: the collector subscribes again
        mosquitto.start();
        assertThat(await(() -> health(collector) == 200, Duration.ofSeconds(30)))
            .as("reconnects automatically").isTrue();
        publishFinding(mosquitto.url(), "pi-back", "after-restart.example.org");
        assertThat(await(() -> apiShows(collector, "?sensor=pi-back", "after-restart.example.org"),
            Duration.ofSeconds(10))).isTrue();
      }
    }
  }

  @Test
  void aBrokerThatAcceptsButNeverAnswersDoesNotEndIngestion() throws Exception {
    try (MosquittoBroker mosquitto = new MosquittoBroker(dir);
        SilentPort silent = new SilentPort(mosquitto.port())) {
      try (Collector collector = Collector.start(config(mosquitto.url()))) {
        assertThat(await(() -> silent.accepted() >= 1, Duration.ofSeconds(10))).isTrue();
        assertThat(health(collector)).isEqualTo(503);
        // the broker comes up on the port; the attempt it never saw stays open and unanswered
        silent.stopListening();
        mosquitto.start();
        // Paho alone would wait for that attempt's CONNACK for as long as the process lives
        assertThat(
                await(
                    () -> health(collector) == 200,
                    Duration.ofMillis(MqttIngest.CONNECT_WAIT_MS + 15_000)))
            .as("the unanswered attempt is ended and a new one connects")
            .isTrue();
        publishFinding(mosquitto.url(), "pi-late", "after-silence.example.org");
        assertThat(await(() -> apiShows(collector, "?sensor=pi-late", "after-silence.example.org"),
            Duration.ofSeconds(10))).isTrue();
      }
    }
  }
}
