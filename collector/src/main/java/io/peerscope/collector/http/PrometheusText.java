package io.peerscope.collector.http;

import io.peerscope.collector.CollectorMetrics;
import io.peerscope.collector.CollectorMetrics.Channel;
import io.peerscope.wire.Rejection;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Renders the collector's metrics in the Prometheus text exposition format (version 0.0.4):
 * {@code peerscope_} prefix, {@code _total} counters, labels from fixed vocabularies only.
 */
final class PrometheusText {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private PrometheusText() {}

  /** Gauges read at scrape time; a negative value means "unknown" and is left out. */
  record Gauges(boolean brokerUp, boolean databaseUp, long findings, long sensors) {}

  static String render(CollectorMetrics m, Gauges gauges) {
    StringBuilder out = new StringBuilder(4096);
    counter(out, "peerscope_collector_messages_total", "MQTT messages received, by channel.");
    for (Map.Entry<Channel, LongAdder> e : m.receivedByChannel().entrySet()) {
      sample(out, "peerscope_collector_messages_total", "channel", e.getKey().label(), e.getValue().sum());
    }
    counter(out, "peerscope_collector_invalid_messages_total",
        "MQTT messages refused by validation, by reason.");
    for (Map.Entry<Rejection, LongAdder> e : m.invalidByReason().entrySet()) {
      sample(out, "peerscope_collector_invalid_messages_total", "reason", e.getKey().label(), e.getValue().sum());
    }
    counter(out, "peerscope_collector_findings_stored_total",
        "Findings written, by result (inserted, updated, stale redelivery kept out).");
    sample(out, "peerscope_collector_findings_stored_total", "result", "inserted", m.findingsInserted.sum());
    sample(out, "peerscope_collector_findings_stored_total", "result", "updated", m.findingsUpdated.sum());
    sample(out, "peerscope_collector_findings_stored_total", "result", "stale", m.findingsStale.sum());
    simple(out, "peerscope_collector_findings_expired_total", "counter",
        "Findings deleted by retention (db.retention_days).", m.findingsExpired.sum());
    simple(out, "peerscope_collector_store_errors_total", "counter",
        "Valid messages the database failed to store.", m.storeErrors.sum());
    simple(out, "peerscope_collector_messages_lost_total", "counter",
        "Valid messages dropped after every attempt to store them failed.", m.messagesLost.sum());
    simple(out, "peerscope_collector_broker_connects_total", "counter",
        "Successful connections to the MQTT broker.", m.brokerConnects.sum());
    simple(out, "peerscope_collector_broker_disconnects_total", "counter",
        "Lost connections to the MQTT broker.", m.brokerDisconnects.sum());
    counter(out, "peerscope_collector_http_requests_total", "HTTP requests answered, by status class.");
    long errors = m.httpClientErrors.sum() + m.httpServerErrors.sum();
    sample(out, "peerscope_collector_http_requests_total", "code", "2xx", m.httpRequests.sum() - errors);
    sample(out, "peerscope_collector_http_requests_total", "code", "4xx", m.httpClientErrors.sum());
    sample(out, "peerscope_collector_http_requests_total", "code", "5xx", m.httpServerErrors.sum());
    simple(out, "peerscope_collector_broker_up", "gauge",
        "1 while subscribed on the MQTT broker.", gauges.brokerUp() ? 1 : 0);
    simple(out, "peerscope_collector_database_up", "gauge",
        "1 while the database answers.", gauges.databaseUp() ? 1 : 0);
    if (gauges.findings() >= 0) {
      simple(out, "peerscope_collector_findings", "gauge", "Findings stored.", gauges.findings());
    }
    if (gauges.sensors() >= 0) {
      simple(out, "peerscope_collector_sensors", "gauge", "Sensors known.", gauges.sensors());
    }
    return out.toString();
  }

  private static void counter(StringBuilder out, String name, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" counter\n");
  }

  private static void sample(StringBuilder out, String name, String label, String value, long n) {
    out.append(name).append('{').append(label).append("=\"").append(value).append("\"} ")
        .append(n).append('\n');
  }

  private static void simple(StringBuilder out, String name, String type, String help, long n) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    out.append(name).append(' ').append(n).append('\n');
  }
}
