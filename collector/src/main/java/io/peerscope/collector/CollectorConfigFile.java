package io.peerscope.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code collector.yaml}. Every key is checked: an unknown key (a typo would otherwise be
 * silently ignored) or a value of the wrong type is a {@link ConfigException} naming the dotted
 * key, e.g. {@code mqtt.listen}.
 */
final class CollectorConfigFile {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Map<String, Set<String>> KEYS =
      Map.of(
          "", Set.of("data_dir", "http", "mqtt", "db"),
          "http", Set.of("listen", "max_results"),
          "mqtt",
              Set.of(
                  "broker",
                  "listen",
                  "username",
                  "password",
                  "client_id",
                  "persistence",
                  "max_message_bytes",
                  "max_queued_messages"),
          "db", Set.of("url", "max_sensors", "retention_days"));

  private CollectorConfigFile() {}

  static CollectorConfig read(Path file, CollectorConfig base) {
    JsonNode root;
    try {
      root = YAML.readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new ConfigException("--config", "no such file: " + file);
    } catch (IOException e) {
      throw new ConfigException("--config", "cannot read " + file + ": " + e.getMessage(), e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return base.validate();
    }
    checkKeys(root, "");
    CollectorConfig c = base;
    String dataDir = text(root, "data_dir", "data_dir");
    if (dataDir != null) {
      c = c.withDataDir(Path.of(dataDir));
    }
    JsonNode http = section(root, "http");
    if (http != null) {
      String listen = text(http, "listen", "http.listen");
      if (listen != null) {
        c = c.withHttp(HostPort.parse(listen, "http.listen"));
      }
      Integer maxResults = integer(http, "max_results", "http.max_results");
      if (maxResults != null) {
        c = c.withMaxResults(maxResults);
      }
    }
    JsonNode mqtt = section(root, "mqtt");
    if (mqtt != null) {
      String broker = text(mqtt, "broker", "mqtt.broker");
      if (broker != null && !broker.isBlank()) {
        c = c.withBrokerUrl(CollectorConfig.normalizeBrokerUrl(broker, "mqtt.broker"));
      }
      String listen = text(mqtt, "listen", "mqtt.listen");
      if (listen != null) {
        c = c.withMqttListen(HostPort.parse(listen, "mqtt.listen"));
      }
      String user = text(mqtt, "username", "mqtt.username");
      String pass = text(mqtt, "password", "mqtt.password");
      if (user != null || pass != null) {
        c = c.withCredentials(user, pass);
      }
      String clientId = text(mqtt, "client_id", "mqtt.client_id");
      if (clientId != null) {
        c = c.withClientId(clientId);
      }
      String persistence = text(mqtt, "persistence", "mqtt.persistence");
      if (persistence != null) {
        c = c.withBrokerPersistence(persistence);
      }
      Integer queued = integer(mqtt, "max_queued_messages", "mqtt.max_queued_messages");
      if (queued != null) {
        c = c.withMaxQueuedMessages(queued);
      }
      Integer maxBytes = integer(mqtt, "max_message_bytes", "mqtt.max_message_bytes");
      if (maxBytes != null) {
        c = c.withMaxMessageBytes(maxBytes);
      }
    }
    JsonNode db = section(root, "db");
    if (db != null) {
      String url = text(db, "url", "db.url");
      if (url != null && !url.isBlank()) {
        c = c.withDbUrl(CollectorConfig.checkDbUrl(url, "db.url"));
      }
      Integer retention = integer(db, "retention_days", "db.retention_days");
      if (retention != null) {
        c = c.withRetentionDays(retention);
      }
      Integer maxSensors = integer(db, "max_sensors", "db.max_sensors");
      if (maxSensors != null) {
        c = c.withMaxSensors(maxSensors);
      }
    }
    return c.validate();
  }

  private static void checkKeys(JsonNode node, String prefix) {
    if (!node.isObject()) {
      throw new ConfigException(prefix.isEmpty() ? "--config" : prefix, "must be a mapping");
    }
    Set<String> allowed = KEYS.get(prefix);
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      String key = prefix.isEmpty() ? name : prefix + "." + name;
      if (!allowed.contains(name)) {
        throw new ConfigException(key, "unknown key");
      }
      if (KEYS.containsKey(name) && prefix.isEmpty() && !node.get(name).isNull()) {
        checkKeys(node.get(name), name);
      }
    }
  }

  private static JsonNode section(JsonNode root, String name) {
    JsonNode node = root.get(name);
    return node == null || node.isNull() ? null : node;
  }

  private static String text(JsonNode parent, String field, String key) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isValueNode() || node.isBoolean()) {
      throw new ConfigException(key, "must be a string");
    }
    return node.asText();
  }

  private static Integer integer(JsonNode parent, String field, String key) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw new ConfigException(key, "must be an integer");
    }
    return node.intValue();
  }
}
