package io.peerscope.agent.smtp;

import io.peerscope.agent.smtp.tls.CipherSuite;
import io.peerscope.agent.smtp.tls.TlsHandshakeInfo;
import io.peerscope.agent.smtp.tls.TlsVersion;
import java.io.ByteArrayOutputStream;
import java.util.List;

/** Collects the bytes handed over as TLS, to check where the hand-over happened. */
final class RecordingTlsObserver implements TlsObserver {
  final ByteArrayOutputStream client = new ByteArrayOutputStream();
  final ByteArrayOutputStream server = new ByteArrayOutputStream();
  int gaps;

  @Override
  public void onData(boolean fromClient, byte[] buf, int off, int len) {
    (fromClient ? client : server).write(buf, off, len);
  }

  @Override
  public void onGap(boolean fromClient) {
    gaps++;
  }

  @Override
  public TlsHandshakeInfo info() {
    return new TlsHandshakeInfo(true, false, TlsVersion.TLS_1_2, List.of(TlsVersion.TLS_1_2), "mx.example.net", 10,
        true, TlsVersion.TLS_1_2, CipherSuite.valueOf(0xc02f), null, List.of());
  }
}
