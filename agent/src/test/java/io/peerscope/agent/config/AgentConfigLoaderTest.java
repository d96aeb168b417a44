package io.peerscope.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigLoaderTest {
  @TempDir Path dir;

  private Path yaml(String text) throws Exception {
    Path f = dir.resolve("agent.yaml");
    Files.writeString(f, text);
    return f;
  }

  @Test
  void noFileGivesDocumentedDefaults() {
    AgentConfig c = new AgentConfigLoader().load(null);
    assertThat(c.capture().snaplen()).isEqualTo(65535);
    assertThat(c.capture().filter()).isEqualTo(CaptureConfig.DEFAULT_FILTER);
    assertThat(c.capture().promiscuous()).isTrue();
    assertThat(c.statePath()).hasToString("/var/lib/peerscope");
    assertThat(c.persistState(false)).isFalse();
    assertThat(c.persistState(true)).isTrue();
    assertThat(c.broker().enabled()).isFalse();
    assertThat(c.limits().dns().maxPending()).isEqualTo(65_536);
    assertThat(c.limits().dns().timeoutSeconds()).isEqualTo(10);
    assertThat(c.sensor()).matches("[A-Za-z0-9._-]{1,64}");
  }

  @Test
  void shippedAgentYamlLoadsAndMatchesTheDefaults() {
    Path shipped = Path.of(System.getProperty("peerscope.root", "..")).resolve("config/agent.yaml");
    AgentConfig c = new AgentConfigLoader().load(shipped);
    AgentConfig d = new AgentConfigLoader().override("sensor", c.sensor()).load(null);
    assertThat(c.capture()).isEqualTo(d.capture().withInterface(c.capture().iface()));
    assertThat(c.limits()).isEqualTo(d.limits());
    assertThat(c.broker().spoolMaxBytes()).isEqualTo(d.broker().spoolMaxBytes());
    assertThat(c.track()).isEqualTo(d.track());
    assertThat(c.track().toTrackConfig()).isEqualTo(io.peerscope.agent.track.TrackConfig.defaults());
    assertThat(c.fingerprints()).isEqualTo(d.fingerprints());
  }

  @Test
  void trackThresholdOutOfRangeIsNamed() {
    assertThatThrownBy(() -> new AgentConfigLoader().override("track.exclusive_min_share", 1.5).load(null))
        .isInstanceOf(ConfigException.class)
        .hasMessage("track.exclusive_min_share: must be 0..1, got 1.5");
    assertThatThrownBy(() -> new AgentConfigLoader().override("track.budget_mb", 1).load(null))
        .isInstanceOf(ConfigException.class)
        .hasMessage("track.budget_mb: must be 4..65536, got 1");
  }

  @Test
  void trackLimitsAboveWhatTheTablesHoldAreNamedWithTheirKey() {
    assertThatThrownBy(() -> new AgentConfigLoader().override("track.renamed_max_names_per_address", 20).load(null))
        .isInstanceOf(ConfigException.class)
        .hasMessage("track.renamed_max_names_per_address: must be 2..8, got 20");
    assertThatThrownBy(() -> new AgentConfigLoader().override("track.exclusive_top_clients", 9).load(null))
        .isInstanceOf(ConfigException.class)
        .hasMessage("track.exclusive_top_clients: must be 1..8, got 9");
    assertThat(new AgentConfigLoader().override("track.renamed_max_names_per_address", 8)
        .override("track.exclusive_top_clients", 8).load(null).track().toTrackConfig().renamedMaxNamesPerAddress())
        .isEqualTo(8);
  }

  @Test
  void fingerprintDirectoryWithoutTheFilesIsNamed() {
    AgentConfig c = new AgentConfigLoader().override("fingerprints.dir", dir.toString()).load(null);
    assertThatThrownBy(() -> c.fingerprints().resolveDir(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("fingerprints.dir: no eol.yaml in");
  }

  @Test
  void fileValuesAreRead() throws Exception {
    AgentConfig c =
        new AgentConfigLoader()
            .load(
                yaml(
                    """
                    sensor: pi-1
                    capture:
                      interface: eth1
                      snaplen: 1500
                      promiscuous: false
                    logs_dir: /tmp/logs
                    broker:
                      url: tcp://10.0.0.1:1883
                      username: agent
                    limits:
                      dns:
                        max_pending: 100
                    """));
    assertThat(c.sensor()).isEqualTo("pi-1");
    assertThat(c.capture().iface()).isEqualTo("eth1");
    assertThat(c.capture().snaplen()).isEqualTo(1500);
    assertThat(c.capture().promiscuous()).isFalse();
    assertThat(c.logsDir()).isEqualTo("/tmp/logs");
    assertThat(c.broker().url()).isEqualTo("tcp://10.0.0.1:1883");
    assertThat(c.limits().dns().maxPending()).isEqualTo(100);
    assertThat(c.limits().dns().timeoutSeconds()).isEqualTo(10);
  }

  @Test
  void flagsOverrideTheFile() throws Exception {
    Path f = yaml("sensor: from-file\ncapture:\n  interface: eth0\n");
    AgentConfig c =
        new AgentConfigLoader()
            .override("sensor", "from-flag")
            .override("capture.interface", "veth1")
            .override("broker.url", null)
            .load(f);
    assertThat(c.sensor()).isEqualTo("from-flag");
    assertThat(c.capture().iface()).isEqualTo("veth1");
  }

  @Test
  void valueOutOfRangeNamesKeyAndValue() throws Exception {
    Path f = yaml("capture:\n  snaplen: 10\n");
    assertThatThrownBy(() -> new AgentConfigLoader().load(f))
        .isInstanceOf(ConfigException.class)
        .hasMessage("capture.snaplen: must be 64..262144, got 10");
  }

  @Test
  void unknownKeyIsNamedWithItsPath() throws Exception {
    Path f = yaml("capture:\n  snaplenn: 100\n");
    assertThatThrownBy(() -> new AgentConfigLoader().load(f))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("capture.snaplenn: unknown key")
        .hasMessageContaining("snaplen");
  }

  @Test
  void unknownTopLevelKeyIsNamed() throws Exception {
    Path f = yaml("colour: blue\n");
    assertThatThrownBy(() -> new AgentConfigLoader().load(f))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("colour: unknown key");
  }

  @Test
  void wrongTypeNamesKey() throws Exception {
    Path f = yaml("limits:\n  dns:\n    timeout_seconds: soon\n");
    assertThatThrownBy(() -> new AgentConfigLoader().load(f))
        .isInstanceOf(ConfigException.class)
        .hasMessage("limits.dns.timeout_seconds: expected a whole number, got 'soon'");
  }

  @Test
  void fractionIsNotSilentlyTruncated() throws Exception {
    Path f = yaml("capture:\n  snaplen: 1500.5\n");
    assertThatThrownBy(() -> new AgentConfigLoader().load(f))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("capture.snaplen: ");
  }

  @Test
  void sectionThatIsNotAMappingIsNamed() throws Exception {
    Path f = yaml("capture: eth0\n");
    assertThatThrownBy(() -> new AgentConfigLoader().load(f))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("capture: ");
  }

  @Test
  void badSensorIdFromFlagIsRejected() {
    assertThatThrownBy(() -> new AgentConfigLoader().override("sensor", "a/b#").load(null))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("sensor: must be 1-64 characters");
  }

  @Test
  void brokerUrlMustBeTcpOrSsl() {
    assertThatThrownBy(() -> new AgentConfigLoader().override("broker.url", "http://x:80").load(null))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("broker.url: scheme must be tcp:// or ssl://");
    assertThatThrownBy(() -> new AgentConfigLoader().override("broker.url", "tcp://hostonly").load(null))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("broker.url: must be tcp://HOST:PORT");
  }

  @Test
  void notYamlIsReported() throws Exception {
    Path f = yaml("capture: [unclosed\n");
    assertThatThrownBy(() -> new AgentConfigLoader().load(f))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("is not valid YAML");
  }

  @Test
  void missingFileIsReported() {
    assertThatThrownBy(() -> new AgentConfigLoader().load(dir.resolve("nope.yaml")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("--config: no such file");
  }

  @Test
  void emptyFileMeansDefaults() throws Exception {
    assertThat(new AgentConfigLoader().load(yaml("# nothing but a comment\n")).capture().snaplen())
        .isEqualTo(65535);
  }

  @Test
  void passwordComesFromFileOrEnvironmentNeverFromAValue() throws Exception {
    Path secret = dir.resolve("secret");
    Files.writeString(secret, "s3cret\n");
    AgentConfig fromFile =
        new AgentConfigLoader().override("broker.password_file", secret.toString()).load(null);
    assertThat(fromFile.broker().password(Map.of())).isEqualTo("s3cret");
    AgentConfig fromEnv = new AgentConfigLoader().override("broker.password_env", "MQTT_PW").load(null);
    assertThat(fromEnv.broker().password(Map.of("MQTT_PW", "pw2"))).isEqualTo("pw2");
    assertThatThrownBy(() -> fromEnv.broker().password(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("broker.password_env: environment variable MQTT_PW is not set");
    Path f = yaml("broker:\n  password: plain\n");
    assertThatThrownBy(() -> new AgentConfigLoader().load(f))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("broker.password: unknown key");
  }
}
