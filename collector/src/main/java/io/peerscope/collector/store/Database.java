package io.peerscope.collector.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The collector's one JDBC connection (H2 embedded by default). Writes come from the MQTT
 * callback thread and reads from HTTP workers; a single connection behind a lock is plenty for
 * that load and keeps an in-memory database alive for the collector's lifetime.
 */
public final class Database implements AutoCloseable {
  private final Connection connection;

  private Database(Connection connection) {
    this.connection = connection;
  }

  /** Opens the database and brings its schema to the current version. */
  public static Database open(String jdbcUrl) throws SQLException {
    Connection connection = DriverManager.getConnection(jdbcUrl);
    try {
      Database database = new Database(connection);
      database.transaction(
          c -> {
            Schema.migrate(c);
            return null;
          });
      return database;
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
  public synchronized <T> T transaction(SqlWork<T> work) throws SQLException {
    connection.setAutoCommit(false);
    try {
      T result = work.run(connection);
      connection.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      try {
        connection.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  /** True while the connection answers within a second. */
  public synchronized boolean isUp() {
    try {
      return !connection.isClosed() && connection.isValid(1);
    } catch (SQLException e) {
      return false;
    }
  }

  @Override
  public synchronized void close() throws SQLException {
    connection.close();
  }
}
