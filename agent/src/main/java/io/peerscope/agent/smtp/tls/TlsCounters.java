package io.peerscope.agent.smtp.tls;

import io.peerscope.agent.metrics.Counter;
import io.peerscope.agent.metrics.Counters;

/** The TLS parser's counters, looked up once and shared by every tracker. */
public final class TlsCounters {
  final Counter records;
  final Counter clientHellos;
  final Counter serverHellos;
  final Counter certificates;
  final Counter sslv2Hellos;
  final Counter notTls;
  final Counter malformed;
  final Counter oversized;
  final Counter certificateErrors;
  final Counter gaps;

  public TlsCounters(Counters c) {
    records = c.counter("smtp.tls.records");
    clientHellos = c.counter("smtp.tls.client_hello");
    serverHellos = c.counter("smtp.tls.server_hello");
    certificates = c.counter("smtp.tls.certificates");
    sslv2Hellos = c.counter("smtp.tls.sslv2_client_hello");
    notTls = c.counter("smtp.tls.parse_errors.not_tls");
    malformed = c.counter("smtp.tls.parse_errors.malformed");
    oversized = c.counter("smtp.tls.parse_errors.oversized");
    certificateErrors = c.counter("smtp.tls.parse_errors.certificate");
    gaps = c.counter("smtp.tls.gaps");
  }
}
