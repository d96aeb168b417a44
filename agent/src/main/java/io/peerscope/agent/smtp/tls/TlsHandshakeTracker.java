package io.peerscope.agent.smtp.tls;

import java.util.ArrayList;
import java.util.List;

/**
 * Follows the clear-text part of one TLS handshake, both directions, from the bytes of a
 * reassembled TCP stream: after STARTTLS succeeded (RFC 3207) or from the first byte on port 465
 * (RFC 8314). Feed it as data arrives, in any slicing; ask {@link #info()} whenever a result is
 * wanted. When {@link #isDone()} there is nothing more to learn and further data is ignored
 * cheaply.
 *
 * <p>What it reads: the ClientHello (versions, SNI, cipher count), the ServerHello (version, cipher
 * suite) and, for TLS 1.2 and older, the server's first certificate. A TLS 1.3 server encrypts
 * everything after its ServerHello, so the certificate is out of reach there by design.
 *
 * <p>Bounded: per direction at most one handshake message (64 KB) is buffered; memory is released
 * once a direction is done. Never throws; problems are counted in {@link TlsCounters} and listed
 * in {@link TlsHandshakeInfo#anomalies()}. Not thread safe: one tracker per connection, fed by the
 * thread that reassembles it.
 */
public final class TlsHandshakeTracker {
  private static final int CLIENT_HELLO = 1;
  private static final int SERVER_HELLO = 2;
  private static final int CERTIFICATE = 11;
  private static final int SERVER_KEY_EXCHANGE = 12;
  private static final int SERVER_HELLO_DONE = 14;
  private static final int MAX_ANOMALIES = 8;

  private final TlsCounters counters;
  private final TlsRecordStream client;
  private final TlsRecordStream server;

  private HelloDecoder.ClientHello clientHello;
  private boolean sslv2;
  private HelloDecoder.ServerHello serverHello;
  private TlsCertificate certificate;
  private final List<String> anomalies = new ArrayList<>(2);

  public TlsHandshakeTracker(TlsCounters counters) {
    this.counters = counters;
    this.client =
        new TlsRecordStream(
            new TlsRecordStream.Listener() {
              @Override
              public void onHandshake(int type, byte[] buf, int off, int len) {
                onClientHandshake(type, buf, off, len);
              }

              @Override
              public void onSslv2ClientHello(byte[] buf, int off, int len) {
                onSslv2Hello(buf, off, len);
              }
            },
            counters);
    this.server =
        new TlsRecordStream(
            new TlsRecordStream.Listener() {
              @Override
              public void onHandshake(int type, byte[] buf, int off, int len) {
                onServerHandshake(type, buf, off, len);
              }

              @Override
              public void onSslv2ClientHello(byte[] buf, int off, int len) {
                anomaly("server: SSLv2 hello from the server side");
                server.stop(null);
              }
            },
            counters);
  }

  /** In-order bytes of one direction, valid only during the call. */
  public void onData(boolean fromClient, byte[] buf, int off, int len) {
    if (buf == null || off < 0 || len <= 0 || off > buf.length - len) {
      return;
    }
    TlsRecordStream s = fromClient ? client : server;
    boolean wasStopped = s.stopped();
    s.feed(buf, off, len);
    if (!wasStopped && s.stopped() && s.stopReason() != null && isFailure(s.stopReason())) {
      anomaly((fromClient ? "client: " : "server: ") + s.stopReason());
    }
  }

  /** Bytes lost in one direction: TLS records cannot be resynchronised, so it stops there. */
  public void onGap(boolean fromClient) {
    TlsRecordStream s = fromClient ? client : server;
    if (!s.stopped()) {
      counters.gaps.inc();
      anomaly((fromClient ? "client" : "server") + ": gap in the stream");
      s.stop("gap");
    }
  }

  /** Both directions have told all they will tell in the clear. */
  public boolean isDone() {
    return client.stopped() && server.stopped();
  }

  public TlsHandshakeInfo info() {
    HelloDecoder.ClientHello ch = clientHello;
    HelloDecoder.ServerHello sh = serverHello;
    return new TlsHandshakeInfo(
        ch != null,
        sslv2,
        ch == null ? null : ch.legacyVersion(),
        ch == null ? List.of() : ch.offered(),
        ch == null ? null : ch.sni(),
        ch == null ? -1 : ch.cipherCount(),
        sh != null,
        sh == null ? null : sh.version(),
        sh == null ? null : sh.cipher(),
        certificate,
        anomalies);
  }

  private void onClientHandshake(int type, byte[] buf, int off, int len) {
    if (type != CLIENT_HELLO) {
      return;
    }
    HelloDecoder.ClientHello ch = HelloDecoder.clientHello(buf, off, len);
    if (ch == null) {
      counters.malformed.inc();
      anomaly("client: malformed ClientHello");
      client.stop(null);
      return;
    }
    counters.clientHellos.inc();
    if (clientHello == null) {
      clientHello = ch;
    }
    // after a HelloRetryRequest the client says hello again; wait for that one
    if (serverHello == null || !serverHello.helloRetryRequest()) {
      client.stop(null);
    }
  }

  private void onSslv2Hello(byte[] buf, int off, int len) {
    HelloDecoder.ClientHello ch = HelloDecoder.sslv2ClientHello(buf, off, len);
    counters.sslv2Hellos.inc();
    if (ch == null) {
      counters.malformed.inc();
      anomaly("client: malformed SSLv2 CLIENT-HELLO");
      client.stop(null);
      return;
    }
    sslv2 = true;
    clientHello = ch;
    client.stop(null);
  }

  private void onServerHandshake(int type, byte[] buf, int off, int len) {
    switch (type) {
      case SERVER_HELLO -> {
        HelloDecoder.ServerHello sh = HelloDecoder.serverHello(buf, off, len);
        if (sh == null) {
          counters.malformed.inc();
          anomaly("server: malformed ServerHello");
          server.stop(null);
          return;
        }
        counters.serverHellos.inc();
        serverHello = sh;
        if (sh.helloRetryRequest()) {
          return;
        }
        if (sh.version().code() >= TlsVersion.TLS_1_3.code()) {
          // RFC 8446 2: everything after ServerHello is encrypted, the certificate included
          server.stop(null);
        }
      }
      case CERTIFICATE -> {
        if (certificate == null) {
          certificate = CertificateDecoder.decode(buf, off, len);
          if (certificate == null) {
            counters.certificateErrors.inc();
            anomaly("server: certificate not parsable");
          } else {
            counters.certificates.inc();
          }
        }
        server.stop(null);
      }
      case SERVER_KEY_EXCHANGE, SERVER_HELLO_DONE -> {
        // an anonymous or PSK suite sends no certificate: the clear part is over
        if (type == SERVER_HELLO_DONE) {
          server.stop(null);
        }
      }
      default -> {
        // other messages (CertificateStatus, CertificateRequest, NewSessionTicket) tell us nothing
      }
    }
  }

  private static boolean isFailure(String reason) {
    return !"gap".equals(reason);
  }

  private void anomaly(String what) {
    if (anomalies.size() < MAX_ANOMALIES) {
      anomalies.add(what);
    }
  }
}
