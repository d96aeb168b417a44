package io.peerscope.agent.smtp;

import io.peerscope.agent.metrics.Counters;
import io.peerscope.agent.tcp.StreamListener;
import io.peerscope.agent.tcp.StreamListenerFactory;
import io.peerscope.agent.tcp.TcpConnection;
import io.peerscope.agent.tcp.TcpReassembler;
import java.util.function.Supplier;

/**
 * Opens an {@link SmtpSession} for each connection to a mail port: 25 (relay), 587 (submission,
 * RFC 6409) and 465 (submission over implicit TLS, RFC 8314: only the handshake is visible).
 */
public final class SmtpSessionFactory implements StreamListenerFactory {
  public static final int SMTP_PORT = 25;
  public static final int SUBMISSION_PORT = 587;
  public static final int SUBMISSIONS_PORT = 465;

  private final SmtpLimits limits;
  private final SmtpCounters counters;
  private final SmtpListener listener;
  private final SoftwareIdentifier identifier;
  private final Supplier<TlsObserver> tls;

  public SmtpSessionFactory(
      SmtpLimits limits,
      Counters counters,
      SmtpListener listener,
      SoftwareIdentifier identifier,
      Supplier<TlsObserver> tls) {
    this.limits = limits;
    this.counters = new SmtpCounters(counters);
    this.listener = listener;
    this.identifier = identifier;
    this.tls = tls;
  }

  /** Registers for the three mail ports. */
  public void registerWith(TcpReassembler reassembler) {
    reassembler.register(SMTP_PORT, this);
    reassembler.register(SUBMISSION_PORT, this);
    reassembler.register(SUBMISSIONS_PORT, this);
  }

  @Override
  public StreamListener open(TcpConnection connection, long tsMicros) {
    return new SmtpSession(
        connection,
        tsMicros,
        connection.serverPort() == SUBMISSIONS_PORT,
        limits,
        counters,
        listener,
        identifier,
        tls);
  }
}
