package io.peerscope.collector;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Everything the collector needs to run. {@link #load(Path)} reads {@code config/collector.yaml}
 * (the keys are documented in that file); {@link #withFlags} applies the command-line options of
 * CONTRACT.md on top. Invalid combinations are refused by {@link #validate()} with a
 * {@link ConfigException} naming the key.
 *
 * @param http HTTP API and dashboard listen address (port 0: any free port)
 * @param brokerUrl external MQTT broker ({@code tcp://host:1883}, {@code ssl://...}); null runs the
 *     embedded broker
 * @param mqttListen the embedded broker's listener (ignored with an external broker)
 * @param username broker user name: the collector logs in with it and the embedded broker accepts
 *     only it; null for no authentication (embedded broker on loopback only)
 * @param password broker password, with {@code username}
 * @param clientId the collector's stable MQTT client id: with a persistent session, QoS 1 messages
 *     published while it was disconnected are delivered when it reconnects
 * @param dataDir state directory: the H2 database file and the embedded broker's data
 * @param dbUrl JDBC URL; null means an H2 file database under {@code dataDir}
 * @param brokerPersistence embedded broker storage: {@code file} or {@code in-memory}
 * @param maxMessageBytes larger MQTT payloads are refused and counted
 * @param maxResults most findings one API answer returns
 * @param maxSensors most sensors stored; messages from further new sensor ids are refused and
 *     counted ({@code reason="sensor_limit"}), so a flood of made-up ids cannot grow the table
 * @param retentionDays findings not received for this many days are deleted; 0 keeps them
 * @param maxQueuedMessages the embedded broker's queue per client: QoS 1 messages waiting for a
 *     slow subscriber (the collector during a replay burst) beyond it are dropped by the broker
 */
public record CollectorConfig(
    HostPort http,
    String brokerUrl,
    HostPort mqttListen,
    String username,
    String password,
    String clientId,
    Path dataDir,
    String dbUrl,
    String brokerPersistence,
    int maxMessageBytes,
    int maxResults,
    int maxSensors,
    int retentionDays,
    int maxQueuedMessages) {

  public static final String PERSIST_FILE = "file";
  public static final String PERSIST_MEMORY = "in-memory";

  /** The defaults of CONTRACT.md: HTTP on 127.0.0.1:8080, embedded broker on 127.0.0.1:1883. */
  public static CollectorConfig defaults() {
    return new CollectorConfig(
        new HostPort("127.0.0.1", 8080),
        null,
        new HostPort("127.0.0.1", 1883),
        null,
        null,
        "peerscope-collector",
        Path.of("data"),
        null,
        PERSIST_FILE,
        256 * 1024,
        1000,
        10_000,
        90,
        100_000);
  }

  /** Reads a YAML file over the defaults; unknown keys and bad values name the key. */
  public static CollectorConfig load(Path file) {
    return CollectorConfigFile.read(file, defaults());
  }

  public boolean embeddedBroker() {
    return brokerUrl == null;
  }

  public boolean authenticated() {
    return username != null;
  }

  /** The JDBC URL in use: {@link #dbUrl} or an H2 file database under {@link #dataDir}. */
  public String effectiveDbUrl() {
    if (dbUrl != null) {
      return dbUrl;
    }
    // The collector closes the database itself after its last write; H2's own exit hook would
    // close it under a shutdown still draining MQTT messages.
    return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("collector") + ";DB_CLOSE_ON_EXIT=FALSE";
  }

  /**
   * Applies the command-line options; null leaves a value as it is. Option names are used in
   * error messages.
   */
  public CollectorConfig withFlags(String http, String broker, String mqttListen, String db) {
    if (broker != null && mqttListen != null) {
      throw new ConfigException("--broker", "cannot be combined with --mqtt-listen");
    }
    CollectorConfig c = this;
    if (http != null) {
      c = c.withHttp(HostPort.parse(http, "--http"));
    }
    if (broker != null) {
      c = c.withBrokerUrl(normalizeBrokerUrl(broker, "--broker"));
    }
    if (mqttListen != null) {
      c = c.withMqttListen(HostPort.parse(mqttListen, "--mqtt-listen")).withBrokerUrl(null);
    }
    if (db != null) {
      c = c.withDbUrl(checkDbUrl(db, "--db"));
    }
    return c;
  }

  public CollectorConfig withHttp(HostPort value) {
    return new CollectorConfig(value, brokerUrl, mqttListen, username, password, clientId, dataDir,
        dbUrl, brokerPersistence, maxMessageBytes, maxResults, maxSensors, retentionDays, maxQueuedMessages);
  }

  public CollectorConfig withBrokerUrl(String value) {
    return new CollectorConfig(http, value, mqttListen, username, password, clientId, dataDir,
        dbUrl, brokerPersistence, maxMessageBytes, maxResults, maxSensors, retentionDays, maxQueuedMessages);
  }

  public CollectorConfig withMqttListen(HostPort value) {
    return new CollectorConfig(http, brokerUrl, value, username, password, clientId, dataDir,
        dbUrl, brokerPersistence, maxMessageBytes, maxResults, maxSensors, retentionDays, maxQueuedMessages);
  }

  public CollectorConfig withCredentials(String user, String pass) {
    return new CollectorConfig(http, brokerUrl, mqttListen, user, pass, clientId, dataDir,
        dbUrl, brokerPersistence, maxMessageBytes, maxResults, maxSensors, retentionDays, maxQueuedMessages);
  }

  public CollectorConfig withDataDir(Path value) {
    return new CollectorConfig(http, brokerUrl, mqttListen, username, password, clientId, value,
        dbUrl, brokerPersistence, maxMessageBytes, maxResults, maxSensors, retentionDays, maxQueuedMessages);
  }

  public CollectorConfig withDbUrl(String value) {
    return new CollectorConfig(http, brokerUrl, mqttListen, username, password, clientId, dataDir,
        value, brokerPersistence, maxMessageBytes, maxResults, maxSensors, retentionDays, maxQueuedMessages);
  }

  public CollectorConfig withBrokerPersistence(String value) {
    return new CollectorConfig(http, brokerUrl, mqttListen, username, password, clientId, dataDir,
        dbUrl, value, maxMessageBytes, maxResults, maxSensors, retentionDays, maxQueuedMessages);
  }

  public CollectorConfig withClientId(String value) {
    return new CollectorConfig(http, brokerUrl, mqttListen, username, password, value, dataDir,
        dbUrl, brokerPersistence, maxMessageBytes, maxResults, maxSensors, retentionDays, maxQueuedMessages);
  }

  public CollectorConfig withMaxResults(int value) {
    return new CollectorConfig(http, brokerUrl, mqttListen, username, password, clientId, dataDir,
        dbUrl, brokerPersistence, maxMessageBytes, value, maxSensors, retentionDays, maxQueuedMessages);
  }

  public CollectorConfig withRetentionDays(int value) {
    return new CollectorConfig(http, brokerUrl, mqttListen, username, password, clientId, dataDir,
        dbUrl, brokerPersistence, maxMessageBytes, maxResults, maxSensors, value, maxQueuedMessages);
  }

  public CollectorConfig withMaxQueuedMessages(int value) {
    return new CollectorConfig(http, brokerUrl, mqttListen, username, password, clientId, dataDir,
        dbUrl, brokerPersistence, maxMessageBytes, maxResults, maxSensors, retentionDays, value);
  }

  public CollectorConfig withMaxSensors(int value) {
    return new CollectorConfig(http, brokerUrl, mqttListen, username, password, clientId, dataDir,
        dbUrl, brokerPersistence, maxMessageBytes, maxResults, value, retentionDays, maxQueuedMessages);
  }

  public CollectorConfig withMaxMessageBytes(int value) {
    return new CollectorConfig(http, brokerUrl, mqttListen, username, password, clientId, dataDir,
        dbUrl, brokerPersistence, value, maxResults, maxSensors, retentionDays, maxQueuedMessages);
  }

  /** Refuses combinations that cannot run safely; returns this for chaining. */
  public CollectorConfig validate() {
    if (http == null) {
      throw new ConfigException("http.listen", "is required");
    }
    if ((username == null) != (password == null)) {
      throw new ConfigException(
          username == null ? "mqtt.username" : "mqtt.password",
          "mqtt.username and mqtt.password go together");
    }
    if (username != null && username.isEmpty()) {
      throw new ConfigException("mqtt.username", "is empty");
    }
    if (embeddedBroker()) {
      if (mqttListen == null) {
        throw new ConfigException("mqtt.listen", "is required for the embedded broker");
      }
      // An MQTT broker open to the network without authentication lets anyone inject findings.
      if (!authenticated() && !mqttListen.isLoopback()) {
        throw new ConfigException(
            "mqtt.listen",
            "listening on "
                + mqttListen
                + " (beyond loopback) requires authentication: set mqtt.username and"
                + " mqtt.password");
      }
    } else {
      normalizeBrokerUrl(brokerUrl, "mqtt.broker");
    }
    if (clientId == null || !clientId.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new ConfigException("mqtt.client_id", "must be 1-64 characters of A-Z a-z 0-9 . _ -");
    }
    if (!PERSIST_FILE.equals(brokerPersistence) && !PERSIST_MEMORY.equals(brokerPersistence)) {
      throw new ConfigException("mqtt.persistence", "must be file or in-memory");
    }
    if (maxMessageBytes < 1024 || maxMessageBytes > 16 * 1024 * 1024) {
      throw new ConfigException("mqtt.max_message_bytes", "must be between 1024 and 16777216");
    }
    if (maxResults < 1 || maxResults > 100_000) {
      throw new ConfigException("http.max_results", "must be between 1 and 100000");
    }
    if (maxSensors < 1 || maxSensors > 1_000_000) {
      throw new ConfigException("db.max_sensors", "must be between 1 and 1000000");
    }
    if (maxQueuedMessages < 1000 || maxQueuedMessages > 10_000_000) {
      throw new ConfigException("mqtt.max_queued_messages", "must be between 1000 and 10000000");
    }
    if (retentionDays < 0 || retentionDays > 36_500) {
      throw new ConfigException("db.retention_days", "must be between 0 (keep) and 36500");
    }
    if (dataDir == null) {
      throw new ConfigException("data_dir", "is required");
    }
    if (dbUrl != null) {
      checkDbUrl(dbUrl, "db.url");
    }
    return this;
  }

  static String checkDbUrl(String url, String key) {
    if (url == null || !url.startsWith("jdbc:h2:")) {
      throw new ConfigException(key, "must be an H2 JDBC URL (jdbc:h2:file:PATH or jdbc:h2:mem:NAME)");
    }
    // H2 refuses implicitly relative file paths ("data/x"); say so before it does, by name.
    if (url.startsWith("jdbc:h2:file:")) {
      String path = url.substring("jdbc:h2:file:".length());
      if (!(path.startsWith("/") || path.startsWith("./") || path.startsWith("../")
          || path.startsWith("~"))) {
        throw new ConfigException(key, "an H2 file path must be absolute or start with ./ : " + url);
      }
    }
    return url;
  }

  /**
   * Paho speaks {@code tcp://} and {@code ssl://}; the {@code mqtt://} and {@code mqtts://}
   * spellings common elsewhere are accepted too.
   */
  static String normalizeBrokerUrl(String url, String key) {
    if (url == null || url.isBlank()) {
      throw new ConfigException(key, "is empty");
    }
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new ConfigException(key, "is not a URL: " + url);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String mapped =
        switch (scheme) {
          case "tcp", "mqtt" -> "tcp";
          case "ssl", "mqtts" -> "ssl";
          default -> throw new ConfigException(
              key, "scheme must be tcp://, ssl://, mqtt:// or mqtts:// in " + url);
        };
    if (uri.getHost() == null || uri.getPort() < 1) {
      throw new ConfigException(key, "expected SCHEME://HOST:PORT, got " + url);
    }
    String host = uri.getHost().indexOf(':') >= 0 && !uri.getHost().startsWith("[")
        ? "[" + uri.getHost() + "]" : uri.getHost();
    return mapped + "://" + host + ":" + uri.getPort();
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return "CollectorConfig[http=" + http + ", broker=" + (brokerUrl == null ? "embedded " + mqttListen : brokerUrl)
        + ", auth=" + authenticated() + ", dataDir=" + dataDir + ", db=" + effectiveDbUrl() + "]";
  }
}
