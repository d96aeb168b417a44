package io.peerscope.agent.smtp;

import io.peerscope.agent.decode.IpAddress;
import io.peerscope.agent.metrics.Counters;
import io.peerscope.agent.tcp.StreamListener;
import io.peerscope.agent.tcp.TcpConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Drives one SmtpSession with the bytes of each side, as the reassembler would. */
final class SmtpScript {
  static final TcpConnection CONN =
      new TcpConnection(IpAddress.parse("192.0.2.7"), 51_000, IpAddress.parse("198.51.100.2"), 25);

  final Counters counters = new Counters();
  final RecordingSmtpListener out = new RecordingSmtpListener();
  final List<RecordingTlsObserver> tls = new ArrayList<>();
  final StreamListener session;
  long now = 1_460_000_000_000_000L;

  SmtpScript() {
    this(CONN, SmtpLimits.DEFAULTS);
  }

  SmtpScript(TcpConnection conn, SmtpLimits limits) {
    SmtpSessionFactory f =
        new SmtpSessionFactory(
            limits, counters, out, (banner, ehlo) -> banner != null && banner.contains("Microsoft") ? "Microsoft IIS SMTP" : null,
            () -> {
              RecordingTlsObserver o = new RecordingTlsObserver();
              tls.add(o);
              return o;
            });
    session = f.open(conn, now);
  }

  SmtpScript s(String text) {
    return bytes(false, text.getBytes(StandardCharsets.UTF_8));
  }

  SmtpScript c(String text) {
    return bytes(true, text.getBytes(StandardCharsets.UTF_8));
  }

  SmtpScript bytes(boolean fromClient, byte[] b) {
    // delivered inside a larger buffer, at an offset, as the reassembler does
    byte[] frame = new byte[b.length + 20];
    System.arraycopy(b, 0, frame, 10, b.length);
    session.onData(fromClient, now += 1000, frame, 10, b.length);
    return this;
  }

  SmtpScript gap(boolean fromClient, long n) {
    session.onGap(fromClient, now += 1000, n);
    return this;
  }

  SmtpScript close() {
    session.onClose(now += 1000, StreamListener.CloseReason.FIN);
    return this;
  }

  SmtpTransaction only() {
    if (out.transactions.size() != 1) {
      throw new AssertionError("expected one transaction, got " + out.transactions);
    }
    return out.transactions.get(0);
  }

  SmtpSessionSummary summary() {
    return out.sessions.get(0);
  }
}
