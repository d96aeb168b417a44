package io.peerscope.collector.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Versioned schema: {@code schema_version} holds the number of migrations applied; each start
 * applies the missing ones in order, so a database written by an older collector is upgraded in
 * place. Migrations are append-only.
 */
final class Schema {
  /** Lengths match the wire validator's bounds, so a valid message always fits. */
  private static final List<List<String>> MIGRATIONS =
      List.of(
          List.of(
              """
              CREATE TABLE findings (
                id VARCHAR(128) PRIMARY KEY,
                v INT NOT NULL,
                sensor VARCHAR(64) NOT NULL,
                kind VARCHAR(64) NOT NULL,
                severity VARCHAR(16) NOT NULL,
                subject VARCHAR(1024) NOT NULL,
                first_seen TIMESTAMP(9) WITH TIME ZONE NOT NULL,
                last_seen TIMESTAMP(9) WITH TIME ZONE NOT NULL,
                occurrences BIGINT NOT NULL,
                summary VARCHAR(4096) NOT NULL,
                evidence CLOB NOT NULL,
                received_at TIMESTAMP(9) WITH TIME ZONE NOT NULL)""",
              "CREATE INDEX findings_last_seen ON findings(last_seen)",
              "CREATE INDEX findings_kind ON findings(kind)",
              "CREATE INDEX findings_subject ON findings(subject)",
              """
              CREATE TABLE finding_sensors (
                finding_id VARCHAR(128) NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
                sensor VARCHAR(64) NOT NULL,
                first_reported TIMESTAMP(9) WITH TIME ZONE NOT NULL,
                PRIMARY KEY (finding_id, sensor))""",
              "CREATE INDEX finding_sensors_sensor ON finding_sensors(sensor)",
              """
              CREATE TABLE sensors (
                id VARCHAR(64) PRIMARY KEY,
                state VARCHAR(16),
                version VARCHAR(64),
                counters CLOB,
                status_ts TIMESTAMP(9) WITH TIME ZONE,
                last_summary CLOB,
                last_seen TIMESTAMP(9) WITH TIME ZONE NOT NULL)"""));

  private Schema() {}

  static int currentVersion() {
    return MIGRATIONS.size();
  }

  static void migrate(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT NOT NULL)");
      int applied = 0;
      boolean hasRow = false;
      try (ResultSet rs = statement.executeQuery("SELECT version FROM schema_version")) {
        if (rs.next()) {
          applied = rs.getInt(1);
          hasRow = true;
        }
      }
      if (applied > MIGRATIONS.size()) {
        throw new SQLException(
            "database schema version "
                + applied
                + " is newer than this collector's "
                + MIGRATIONS.size());
      }
      for (int i = applied; i < MIGRATIONS.size(); i++) {
        for (String sql : MIGRATIONS.get(i)) {
          statement.execute(sql);
        }
      }
      if (!hasRow || applied != MIGRATIONS.size()) {
        String sql =
            hasRow
                ? "UPDATE schema_version SET version = ?"
                : "INSERT INTO schema_version (version) VALUES (?)";
        try (PreparedStatement update = connection.prepareStatement(sql)) {
          update.setInt(1, MIGRATIONS.size());
          update.executeUpdate();
        }
      }
    }
  }
}
