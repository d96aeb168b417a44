package io.peerscope.collector.store;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes findings that no sensor has re-sent for the retention period, so the database is
 * bounded by configuration rather than by how long the collector has run. Measured on the
 * collector's receive time: capture times may be years old (replayed files).
 */
public final class Retention implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

  private final FindingStore findings;
  private final Duration keep;
  private final Clock clock;
  private final LongConsumer expired;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "findings-retention");
            thread.setDaemon(true);
            return thread;
          });

  public Retention(FindingStore findings, Duration keep, Clock clock, LongConsumer expired) {
    this.findings = findings;
    this.keep = keep;
    this.clock = clock;
    this.expired = expired;
  }

  /** Sweeps now and then every {@code period}. */
  public void start(Duration period) {
    timer.scheduleAtFixedRate(this::sweepQuietly, 0, period.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Deletes what is older than the retention period; returns how many findings went. */
  public int sweep() throws SQLException {
    int deleted = findings.deleteReceivedBefore(clock.instant().minus(keep));
    expired.accept(deleted);
    return deleted;
  }

  private void sweepQuietly() {
    try {
      int deleted = sweep();
      if (deleted > 0) {
        LOG.info("deleted {} findings not received for {} days", deleted, keep.toDays());
      }
    } catch (SQLException | RuntimeException e) {
      // a failed sweep is retried at the next period; the scheduler must not die
      LOG.warn("retention sweep failed: {}", e.toString());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
