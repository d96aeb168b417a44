package io.peerscope.agent.smtp;

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
        public TlsSummary summary() {
          return null;
        }
      };

  void onData(boolean fromClient, byte[] buf, int off, int len);

  /** Bytes were lost: the parser must not read across them. */
  void onGap(boolean fromClient);

  /** What was seen so far, or null when nothing useful was. */
  TlsSummary summary();
}
