package io.peerscope.collector.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.peerscope.wire.SensorStatus;
import io.peerscope.wire.SensorSummary;
import io.peerscope.wire.WireJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sensor rows: the latest status (state, version, counters as JSON), the latest summary, and when
 * the collector last heard from the sensor on any channel.
 */
public final class SensorStore {
  private final Database database;
  private final int maxSensors;
  private final Set<String> admitted = ConcurrentHashMap.newKeySet();

  public SensorStore(Database database, int maxSensors) {
    this.database = database;
    this.maxSensors = maxSensors;
  }

  /**
   * True when the sensor is known or was just added; false when it is new and the table already
   * holds {@code maxSensors} rows (the message is then refused, not stored).
   */
  public boolean admit(String sensor, Instant receivedAt) throws SQLException {
    // Known ids are remembered (at most maxSensors of them): most messages come from known
    // sensors, and this keeps the database out of their path.
    if (admitted.contains(sensor)) {
      return true;
    }
    boolean ok = database.transaction(
        c -> {
          try (PreparedStatement exists =
              c.prepareStatement("SELECT 1 FROM sensors WHERE id = ?")) {
            exists.setString(1, sensor);
            try (ResultSet rs = exists.executeQuery()) {
              if (rs.next()) {
                return true;
              }
            }
          }
          try (PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM sensors");
              ResultSet rs = count.executeQuery()) {
            rs.next();
            if (rs.getLong(1) >= maxSensors) {
              return false;
            }
          }
          ensure(c, sensor, receivedAt);
          return true;
        });
    if (ok) {
      admitted.add(sensor);
    }
    return ok;
  }

  public void status(SensorStatus status, Instant receivedAt) throws SQLException {
    String counters = json(status.counters());
    database.transaction(
        c -> {
          ensure(c, status.sensor(), receivedAt);
          try (PreparedStatement update =
              c.prepareStatement(
                  "UPDATE sensors SET state = ?, version = ?, counters = ?, status_ts = ?,"
                      + " last_seen = ? WHERE id = ?")) {
            update.setString(1, status.state());
            update.setString(2, status.version());
            update.setString(3, counters);
            update.setObject(4, status.ts() == null ? null : FindingStore.utc(status.ts()));
            update.setObject(5, FindingStore.utc(receivedAt));
            update.setString(6, status.sensor());
            update.executeUpdate();
          }
          return null;
        });
  }

  public void summary(SensorSummary summary, Instant receivedAt) throws SQLException {
    String json = json(summary);
    database.transaction(
        c -> {
          ensure(c, summary.sensor(), receivedAt);
          try (PreparedStatement update =
              c.prepareStatement(
                  "UPDATE sensors SET last_summary = ?, last_seen = ? WHERE id = ?")) {
            update.setString(1, json);
            update.setObject(2, FindingStore.utc(receivedAt));
            update.setString(3, summary.sensor());
            update.executeUpdate();
          }
          return null;
        });
  }

  /** Records that a sensor was heard from (a finding arrived). */
  public void seen(String sensor, Instant receivedAt) throws SQLException {
    database.transaction(
        c -> {
          ensure(c, sensor, receivedAt);
          try (PreparedStatement update =
              c.prepareStatement("UPDATE sensors SET last_seen = ? WHERE id = ?")) {
            update.setObject(1, FindingStore.utc(receivedAt));
            update.setString(2, sensor);
            update.executeUpdate();
          }
          return null;
        });
  }

  public List<SensorRow> list() throws SQLException {
    return database.transaction(
        c -> {
          List<SensorRow> rows = new ArrayList<>();
          try (PreparedStatement select =
                  c.prepareStatement(
                      "SELECT id, state, last_seen, version, counters, last_summary FROM sensors"
                          + " ORDER BY id");
              ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
              String state = rs.getString("state");
              rows.add(
                  new SensorRow(
                      rs.getString("id"),
                      state == null ? SensorRow.UNKNOWN : state,
                      rs.getObject("last_seen", OffsetDateTime.class).toInstant(),
                      rs.getString("version"),
                      FindingStore.evidenceMap(rs.getString("counters")),
                      summaryMap(rs.getString("last_summary"))));
            }
          }
          return rows;
        });
  }

  /** The stored summary as an object; null when the sensor has sent none yet. */
  private static Map<String, Object> summaryMap(String json) throws SQLException {
    return json == null || json.isEmpty() ? null : FindingStore.evidenceMap(json);
  }

  private static void ensure(Connection c, String sensor, Instant at) throws SQLException {
    try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM sensors WHERE id = ?")) {
      exists.setString(1, sensor);
      try (ResultSet rs = exists.executeQuery()) {
        if (rs.next()) {
          return;
        }
      }
    }
    try (PreparedStatement insert =
        c.prepareStatement("INSERT INTO sensors (id, last_seen) VALUES (?, ?)")) {
      insert.setString(1, sensor);
      insert.setObject(2, FindingStore.utc(at));
      insert.executeUpdate();
    }
  }

  private static String json(Object value) {
    try {
      return WireJson.mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("value cannot be written as JSON", e);
    }
  }
}
