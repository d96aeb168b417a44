package io.peerscope.collector.ingest;

import io.peerscope.collector.CollectorMetrics;
import io.peerscope.collector.CollectorMetrics.Channel;
import io.peerscope.collector.store.FindingStore;
import io.peerscope.collector.store.SensorStore;
import io.peerscope.wire.Checked;
import io.peerscope.wire.Finding;
import io.peerscope.wire.Rejection;
import io.peerscope.wire.SensorStatus;
import io.peerscope.wire.SensorSummary;
import io.peerscope.wire.Topics;
import io.peerscope.wire.WireValidator;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one MQTT message (topic and payload), validates it and stores it. Every message is
 * normal input, hostile ones included: nothing thrown escapes, invalid messages are counted by
 * reason and each reason is logged once (a flood of bad messages must not flood the journal).
 */
public final class IngestHandler {
  private static final Logger LOG = LoggerFactory.getLogger(IngestHandler.class);

  /** What happened to one message. */
  public enum Outcome {
    STORED,
    /** A redelivery or an older version of a finding already stored. */
    STALE,
    INVALID,
    /** Valid but the database refused it. */
    FAILED
  }

  private final WireValidator validator;
  private final FindingStore findings;
  private final SensorStore sensors;
  private final CollectorMetrics metrics;
  private final Clock clock;
  private final Set<Rejection> logged = EnumSet.noneOf(Rejection.class);
  private boolean storeErrorLogged;

  public IngestHandler(
      WireValidator validator,
      FindingStore findings,
      SensorStore sensors,
      CollectorMetrics metrics,
      Clock clock) {
    this.validator = validator;
    this.findings = findings;
    this.sensors = sensors;
    this.metrics = metrics;
    this.clock = clock;
  }

  public Outcome handle(String topic, byte[] payload) {
    try {
      Channel channel = topic == null ? null : Channel.of(Topics.channelOf(topic));
      if (channel == null) {
        return invalid(Rejection.BAD_TOPIC, "topic is not peerscope/<sensor>/<channel>");
      }
      metrics.received(channel);
      // to the second, like every instant on the wire
      Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
      return switch (channel) {
        case FINDINGS -> finding(validator.finding(topic, payload), now);
        case STATUS -> status(validator.status(topic, payload), now);
        case SUMMARY -> summary(validator.summary(topic, payload), now);
      };
    } catch (SQLException | RuntimeException e) {
      metrics.storeErrors.increment();
      logStoreError(e);
      return Outcome.FAILED;
    }
  }

  private Outcome finding(Checked<Finding> checked, Instant now) throws SQLException {
    if (!checked.isOk()) {
      return invalid(checked.rejection(), checked.detail());
    }
    Finding finding = checked.value();
    if (!sensors.admit(finding.sensor(), now)) {
      return invalid(Rejection.SENSOR_LIMIT, "sensor limit reached (db.max_sensors)");
    }
    FindingStore.Outcome outcome = findings.upsert(finding, now);
    sensors.seen(finding.sensor(), now);
    switch (outcome) {
      case INSERTED -> metrics.findingsInserted.increment();
      case UPDATED -> metrics.findingsUpdated.increment();
      case STALE -> metrics.findingsStale.increment();
    }
    return outcome == FindingStore.Outcome.STALE ? Outcome.STALE : Outcome.STORED;
  }

  private Outcome status(Checked<SensorStatus> checked, Instant now) throws SQLException {
    if (!checked.isOk()) {
      return invalid(checked.rejection(), checked.detail());
    }
    if (!sensors.admit(checked.value().sensor(), now)) {
      return invalid(Rejection.SENSOR_LIMIT, "sensor limit reached (db.max_sensors)");
    }
    sensors.status(checked.value(), now);
    return Outcome.STORED;
  }

  private Outcome summary(Checked<SensorSummary> checked, Instant now) throws SQLException {
    if (!checked.isOk()) {
      return invalid(checked.rejection(), checked.detail());
    }
    if (!sensors.admit(checked.value().sensor(), now)) {
      return invalid(Rejection.SENSOR_LIMIT, "sensor limit reached (db.max_sensors)");
    }
    sensors.summary(checked.value(), now);
    return Outcome.STORED;
  }

  private Outcome invalid(Rejection rejection, String detail) {
    metrics.invalid(rejection);
    boolean first;
    synchronized (logged) {
      first = logged.add(rejection);
    }
    // The detail names a field, never its content: wire strings are hostile.
    if (first && rejection != Rejection.EMPTY) {
      LOG.warn(
          "invalid MQTT message ({}): {}; further ones are only counted in"
              + " peerscope_collector_invalid_messages_total{reason=\"{}\"}",
          rejection.label(),
          detail,
          rejection.label());
    }
    return Outcome.INVALID;
  }

  private void logStoreError(Exception e) {
    boolean first;
    synchronized (logged) {
      first = !storeErrorLogged;
      storeErrorLogged = true;
    }
    if (first) {
      LOG.error(
          "storing an MQTT message failed; further failures are only counted in"
              + " peerscope_collector_store_errors_total",
          e);
    }
  }
}
