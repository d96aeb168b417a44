package io.peerscope.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectorConfigTest {
  @TempDir Path dir;

  private static Path projectRoot() {
    String root = System.getProperty("peerscope.root");
    assertThat(root).as("system property peerscope.root (set by the root pom)").isNotNull();
    return Path.of(root);
  }

  private CollectorConfig loadText(String yaml) throws Exception {
    Path file = dir.resolve("collector.yaml");
    Files.writeString(file, yaml);
    return CollectorConfig.load(file);
  }

  @Test
  void theShippedConfigFileLoadsToTheDefaults() {
    CollectorConfig loaded = CollectorConfig.load(projectRoot().resolve("config/collector.yaml"));
    assertThat(loaded).isEqualTo(CollectorConfig.defaults());
    assertThat(loaded.http()).isEqualTo(new HostPort("127.0.0.1", 8080));
    assertThat(loaded.mqttListen()).isEqualTo(new HostPort("127.0.0.1", 1883));
    assertThat(loaded.embeddedBroker()).isTrue();
    assertThat(loaded.effectiveDbUrl()).startsWith("jdbc:h2:file:").contains("/data/collector;");
  }

  @Test
  void everyKeyIsRead() throws Exception {
    CollectorConfig c =
        loadText(
            """
            data_dir: /var/lib/peerscope
            http: {listen: "[::1]:9090", max_results: 50}
            mqtt:
              broker: mqtt://broker.lan:1883
              username: collector
              password: 1234
              client_id: central-1
              persistence: in-memory
              max_message_bytes: 65536
              max_queued_messages: 5000
            db: {url: "jdbc:h2:mem:x", max_sensors: 12, retention_days: 0}
            """);
    assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/peerscope"));
    assertThat(c.http()).isEqualTo(new HostPort("::1", 9090));
    assertThat(c.maxResults()).isEqualTo(50);
    assertThat(c.brokerUrl()).isEqualTo("tcp://broker.lan:1883");
    assertThat(c.username()).isEqualTo("collector");
    assertThat(c.password()).isEqualTo("1234");
    assertThat(c.clientId()).isEqualTo("central-1");
    assertThat(c.brokerPersistence()).isEqualTo("in-memory");
    assertThat(c.maxMessageBytes()).isEqualTo(65536);
    assertThat(c.maxQueuedMessages()).isEqualTo(5000);
    assertThat(c.effectiveDbUrl()).isEqualTo("jdbc:h2:mem:x");
    assertThat(c.maxSensors()).isEqualTo(12);
    assertThat(c.retentionDays()).isZero();
    assertThat(c.toString()).doesNotContain("1234");
  }

  @Test
  void unknownKeyIsNamed() {
    assertThatThrownBy(() -> loadText("mqtt:\n  lisen: 127.0.0.1:1883\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("mqtt.lisen")
        .extracting(e -> ((ConfigException) e).key())
        .isEqualTo("mqtt.lisen");
    assertThatThrownBy(() -> loadText("colour: blue\n"))
        .isInstanceOf(ConfigException.class)
        .extracting(e -> ((ConfigException) e).key())
        .isEqualTo("colour");
  }

  @Test
  void badValuesAreNamed() {
    assertThatThrownBy(() -> loadText("http:\n  listen: 8080\n"))
        .isInstanceOf(ConfigException.class)
        .extracting(e -> ((ConfigException) e).key())
        .isEqualTo("http.listen");
    assertThatThrownBy(() -> loadText("mqtt:\n  max_message_bytes: lots\n"))
        .extracting(e -> ((ConfigException) e).key())
        .isEqualTo("mqtt.max_message_bytes");
    assertThatThrownBy(() -> loadText("mqtt:\n  persistence: disk\n"))
        .extracting(e -> ((ConfigException) e).key())
        .isEqualTo("mqtt.persistence");
    assertThatThrownBy(() -> loadText("mqtt:\n  broker: http://x:80\n"))
        .extracting(e -> ((ConfigException) e).key())
        .isEqualTo("mqtt.broker");
    assertThatThrownBy(() -> loadText("db:\n  url: jdbc:postgresql://x/y\n"))
        .extracting(e -> ((ConfigException) e).key())
        .isEqualTo("db.url");
    assertThatThrownBy(() -> loadText("mqtt:\n  username: only-me\n"))
        .extracting(e -> ((ConfigException) e).key())
        .isEqualTo("mqtt.password");
    assertThatThrownBy(() -> loadText("db:\n  retention_days: -1\n"))
        .extracting(e -> ((ConfigException) e).key())
        .isEqualTo("db.retention_days");
    assertThatThrownBy(() -> loadText("http: [1, 2]\n"))
        .extracting(e -> ((ConfigException) e).key())
        .isEqualTo("http");
    assertThatThrownBy(() -> CollectorConfig.load(dir.resolve("missing.yaml")))
        .extracting(e -> ((ConfigException) e).key())
        .isEqualTo("--config");
  }

  @Test
  void embeddedBrokerBeyondLoopbackRequiresAuthentication() throws Exception {
    assertThatThrownBy(() -> loadText("mqtt:\n  listen: 0.0.0.0:1883\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("requires authentication")
        .extracting(e -> ((ConfigException) e).key())
        .isEqualTo("mqtt.listen");
    assertThatThrownBy(
            () -> CollectorConfig.defaults().withFlags(null, null, "0.0.0.0:1883", null).validate())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("mqtt.listen");
    CollectorConfig secured =
        loadText("mqtt:\n  listen: 0.0.0.0:1883\n  username: u\n  password: p\n");
    assertThat(secured.mqttListen()).isEqualTo(new HostPort("0.0.0.0", 1883));
    assertThat(loadText("mqtt:\n  listen: localhost:0\n").mqttListen().isLoopback()).isTrue();
  }

  @Test
  void commandLineFlagsOverrideAndNameThemselves() {
    CollectorConfig c =
        CollectorConfig.defaults().withFlags("127.0.0.1:0", "tcp://127.0.0.1:1884", null, "jdbc:h2:mem:f");
    assertThat(c.http().port()).isZero();
    assertThat(c.brokerUrl()).isEqualTo("tcp://127.0.0.1:1884");
    assertThat(c.embeddedBroker()).isFalse();
    assertThat(c.effectiveDbUrl()).isEqualTo("jdbc:h2:mem:f");
    assertThatThrownBy(() -> CollectorConfig.defaults().withFlags("nonsense", null, null, null))
        .extracting(e -> ((ConfigException) e).key())
        .isEqualTo("--http");
    assertThatThrownBy(() -> CollectorConfig.defaults().withFlags(null, "tcp://a:1", "127.0.0.1:1", null))
        .extracting(e -> ((ConfigException) e).key())
        .isEqualTo("--broker");
    assertThatThrownBy(() -> CollectorConfig.defaults().withFlags(null, null, "127.0.0.1:99999", null))
        .extracting(e -> ((ConfigException) e).key())
        .isEqualTo("--mqtt-listen");
    assertThatThrownBy(() -> CollectorConfig.defaults().withFlags(null, null, null, "mysql:x"))
        .extracting(e -> ((ConfigException) e).key())
        .isEqualTo("--db");
    assertThatThrownBy(() -> CollectorConfig.defaults().withFlags(null, null, null, "jdbc:h2:file:data/x"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("absolute or start with ./");
    assertThat(CollectorConfig.defaults().withFlags(null, null, null, "jdbc:h2:file:./data/x").dbUrl())
        .isEqualTo("jdbc:h2:file:./data/x");
  }
}
