package io.peerscope.collector.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerscope.collector.store.SensorRow;
import io.peerscope.collector.store.StoredFinding;
import io.peerscope.wire.WireJson;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The JSON bodies of CONTRACT.md's HTTP API. */
final class JsonViews {
  private static final ObjectMapper MAPPER = WireJson.mapper();

  private JsonViews() {}

  /** {@code {"findings": [finding + "sensors": [...]]}}. */
  static byte[] findings(List<StoredFinding> found) throws JsonProcessingException {
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode array = root.putArray("findings");
    for (StoredFinding stored : found) {
      ObjectNode node = MAPPER.valueToTree(stored.finding());
      ArrayNode sensors = node.putArray("sensors");
      stored.sensors().forEach(sensors::add);
      array.add(node);
    }
    return MAPPER.writeValueAsBytes(root);
  }

  /**
   * {@code {"sensors": [{"id", "state", "last_seen", "version", "counters", "summary"}]}}; {@code
   * summary} is the sensor's last summary message, or null before its first.
   */
  static byte[] sensors(List<SensorRow> rows) throws JsonProcessingException {
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode array = root.putArray("sensors");
    for (SensorRow row : rows) {
      ObjectNode node = array.addObject();
      node.put("id", row.id());
      node.put("state", row.state());
      node.put("last_seen", DateTimeFormatter.ISO_INSTANT.format(row.lastSeen()));
      node.put("version", row.version());
      node.set("counters", MAPPER.valueToTree(row.counters()));
      node.set("summary", row.summary() == null ? node.nullNode() : MAPPER.valueToTree(row.summary()));
    }
    return MAPPER.writeValueAsBytes(root);
  }

  static byte[] health(boolean broker, boolean database) throws JsonProcessingException {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("status", broker && database ? "ok" : "unavailable");
    root.put("broker", broker);
    root.put("database", database);
    return MAPPER.writeValueAsBytes(root);
  }

  static byte[] error(int status, String message) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("status", status);
    root.put("error", message);
    try {
      return MAPPER.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a two-field object always serialises", e);
    }
  }
}
