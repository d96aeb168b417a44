package io.peerscope.agent.smtp;

import io.peerscope.agent.smtp.tls.TlsCounters;
import io.peerscope.agent.smtp.tls.TlsHandshakeInfo;
import io.peerscope.agent.smtp.tls.TlsHandshakeTracker;

/**
 * Reads the TLS handshake that follows a successful STARTTLS (or starts a port 465 session).
 * Receives the stream bytes of both directions from the first TLS byte on; must stay bounded
 * and never throw.
 */
public interface TlsObserver {
  TlsObserver NONE =
      new TlsObserver() {
        @Override
        public void onData(boolean fromClient, byte[] buf, int off, int len) {}

        @Override
        public void onGap(boolean fromClient) {}

        @Override
        public TlsHandshakeInfo info() {
          return null;
        }
      };

  void onData(boolean fromClient, byte[] buf, int off, int len);

  /** Bytes were lost: the parser must not read across them. */
  void onGap(boolean fromClient);

  /** What was seen so far, or null when nothing was. */
  TlsHandshakeInfo info();

  /** The project's bounded TLS handshake parser, one per connection. */
  static TlsObserver handshakeTracker(TlsCounters counters) {
    TlsHandshakeTracker t = new TlsHandshakeTracker(counters);
    return new TlsObserver() {
      @Override
      public void onData(boolean fromClient, byte[] buf, int off, int len) {
        if (!t.isDone()) {
          t.onData(fromClient, buf, off, len);
        }
      }

      @Override
      public void onGap(boolean fromClient) {
        t.onGap(fromClient);
      }

      @Override
      public TlsHandshakeInfo info() {
        return t.info();
      }
    };
  }
}
