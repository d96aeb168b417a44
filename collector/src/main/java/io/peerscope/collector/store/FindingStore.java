package io.peerscope.collector.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.peerscope.wire.Finding;
import io.peerscope.wire.WireJson;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Findings, upserted by id. MQTT QoS 1 is at-least-once, so the same message may arrive twice;
 * an agent also re-sends a finding whenever its evidence grows. The newest version (by last_seen,
 * then count) wins and an older redelivery never rolls a finding back.
 */
public final class FindingStore {
  /** What an upsert did; exposed for metrics and tests. */
  public enum Outcome {
    INSERTED,
    UPDATED,
    STALE
  }

  private final Database database;

  public FindingStore(Database database) {
    this.database = database;
  }

  public Outcome upsert(Finding finding, Instant receivedAt) throws SQLException {
    String evidence = evidenceJson(finding.evidence());
    return database.transaction(c -> upsert(c, finding, evidence, receivedAt));
  }

  private static Outcome upsert(Connection c, Finding f, String evidence, Instant receivedAt)
      throws SQLException {
    Outcome outcome;
    Instant storedFirst = null;
    Instant storedLast = null;
    long storedCount = 0;
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT first_seen, last_seen, occurrences FROM findings WHERE id = ? FOR UPDATE")) {
      select.setString(1, f.id());
      try (ResultSet rs = select.executeQuery()) {
        if (rs.next()) {
          storedFirst = rs.getObject(1, OffsetDateTime.class).toInstant();
          storedLast = rs.getObject(2, OffsetDateTime.class).toInstant();
          storedCount = rs.getLong(3);
        }
      }
    }
    if (storedLast == null) {
      try (PreparedStatement insert =
          c.prepareStatement(
              "INSERT INTO findings (id, v, sensor, kind, severity, subject, first_seen,"
                  + " last_seen, occurrences, summary, evidence, received_at)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        insert.setString(1, f.id());
        insert.setInt(2, f.v());
        insert.setString(3, f.sensor());
        insert.setString(4, f.kind());
        insert.setString(5, f.severity());
        insert.setString(6, f.subject());
        insert.setObject(7, utc(f.firstSeen()));
        insert.setObject(8, utc(f.lastSeen()));
        insert.setLong(9, f.count());
        insert.setString(10, f.summary());
        insert.setString(11, evidence);
        insert.setObject(12, utc(receivedAt));
        insert.executeUpdate();
      }
      outcome = Outcome.INSERTED;
    } else if (f.lastSeen().isAfter(storedLast)
        || (f.lastSeen().equals(storedLast) && f.count() >= storedCount)) {
      Instant first = f.firstSeen().isBefore(storedFirst) ? f.firstSeen() : storedFirst;
      try (PreparedStatement update =
          c.prepareStatement(
              "UPDATE findings SET v = ?, kind = ?, severity = ?, subject = ?, first_seen = ?,"
                  + " last_seen = ?, occurrences = ?, summary = ?, evidence = ?, received_at = ?"
                  + " WHERE id = ?")) {
        update.setInt(1, f.v());
        update.setString(2, f.kind());
        update.setString(3, f.severity());
        update.setString(4, f.subject());
        update.setObject(5, utc(first));
        update.setObject(6, utc(f.lastSeen()));
        update.setLong(7, f.count());
        update.setString(8, f.summary());
        update.setString(9, evidence);
        update.setObject(10, utc(receivedAt));
        update.setString(11, f.id());
        update.executeUpdate();
      }
      outcome = Outcome.UPDATED;
    } else {
      outcome = Outcome.STALE;
    }
    addSensor(c, f.id(), f.sensor(), receivedAt);
    return outcome;
  }

  private static void addSensor(Connection c, String findingId, String sensor, Instant at)
      throws SQLException {
    try (PreparedStatement exists =
        c.prepareStatement(
            "SELECT 1 FROM finding_sensors WHERE finding_id = ? AND sensor = ?")) {
      exists.setString(1, findingId);
      exists.setString(2, sensor);
      try (ResultSet rs = exists.executeQuery()) {
        if (rs.next()) {
          return;
        }
      }
    }
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO finding_sensors (finding_id, sensor, first_reported) VALUES (?, ?, ?)")) {
      insert.setString(1, findingId);
      insert.setString(2, sensor);
      insert.setObject(3, utc(at));
      insert.executeUpdate();
    }
  }

  /** Newest first (by last_seen), at most {@code query.limit()}. */
  public List<StoredFinding> find(FindingQuery query) throws SQLException {
    StringBuilder sql =
        new StringBuilder(
            "SELECT f.id, f.v, f.sensor, f.kind, f.severity, f.subject, f.first_seen,"
                + " f.last_seen, f.occurrences, f.summary, f.evidence,"
                + " (SELECT ARRAY_AGG(s.sensor ORDER BY s.sensor) FROM finding_sensors s"
                + " WHERE s.finding_id = f.id) AS sensors"
                + " FROM findings f WHERE 1 = 1");
    List<Object> params = new ArrayList<>();
    if (query.kind() != null) {
      sql.append(" AND f.kind = ?");
      params.add(query.kind());
    }
    if (query.subject() != null) {
      sql.append(" AND f.subject = ?");
      params.add(query.subject());
    }
    if (query.sensor() != null) {
      sql.append(
          " AND EXISTS (SELECT 1 FROM finding_sensors fs"
              + " WHERE fs.finding_id = f.id AND fs.sensor = ?)");
      params.add(query.sensor());
    }
    if (query.since() != null) {
      sql.append(" AND f.last_seen >= ?");
      params.add(utc(query.since()));
    }
    sql.append(" ORDER BY f.last_seen DESC, f.id FETCH FIRST ? ROWS ONLY");
    params.add(query.limit());
    return database.transaction(
        c -> {
          try (PreparedStatement select = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
              select.setObject(i + 1, params.get(i));
            }
            List<StoredFinding> found = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                found.add(read(rs));
              }
            }
            return found;
          }
        });
  }

  /** Deletes findings last received before {@code cutoff}; returns how many. */
  public int deleteReceivedBefore(Instant cutoff) throws SQLException {
    return database.transaction(
        c -> {
          try (PreparedStatement delete =
              c.prepareStatement("DELETE FROM findings WHERE received_at < ?")) {
            delete.setObject(1, utc(cutoff));
            return delete.executeUpdate();
          }
        });
  }

  /** Number of stored findings (a gauge for /metrics). */
  public long count() throws SQLException {
    return database.transaction(
        c -> {
          try (PreparedStatement select = c.prepareStatement("SELECT COUNT(*) FROM findings");
              ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  private static StoredFinding read(ResultSet rs) throws SQLException {
    Finding finding =
        new Finding(
            rs.getInt("v"),
            rs.getString("id"),
            rs.getString("sensor"),
            rs.getString("kind"),
            rs.getString("severity"),
            rs.getString("subject"),
            rs.getObject("first_seen", OffsetDateTime.class).toInstant(),
            rs.getObject("last_seen", OffsetDateTime.class).toInstant(),
            rs.getLong("occurrences"),
            rs.getString("summary"),
            evidenceMap(rs.getString("evidence")));
    List<String> sensors = new ArrayList<>();
    Array array = rs.getArray("sensors");
    if (array != null) {
      for (Object sensor : (Object[]) array.getArray()) {
        sensors.add((String) sensor);
      }
    }
    return new StoredFinding(finding, sensors);
  }

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static String evidenceJson(Map<String, Object> evidence) {
    try {
      return WireJson.mapper().writeValueAsString(evidence);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("evidence cannot be written as JSON", e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> evidenceMap(String json) throws SQLException {
    if (json == null || json.isEmpty()) {
      return Map.of();
    }
    try {
      return WireJson.mapper().readValue(json, Map.class);
    } catch (JsonProcessingException e) {
      throw new SQLException("stored JSON is unreadable", e);
    }
  }
}
