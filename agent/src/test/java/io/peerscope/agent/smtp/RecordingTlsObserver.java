package io.peerscope.agent.smtp;

import java.io.ByteArrayOutputStream;

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
  public TlsSummary summary() {
    return new TlsSummary("TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "mx.example.net",
        "CN=mx.example.net", "CN=mx.example.net", null, null, true);
  }
}
