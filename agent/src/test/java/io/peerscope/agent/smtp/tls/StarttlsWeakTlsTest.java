package io.peerscope.agent.smtp.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.decode.IpAddress;
import io.peerscope.agent.metrics.Counters;
import io.peerscope.agent.smtp.SmtpFindingDetector;
import io.peerscope.agent.smtp.SmtpLimits;
import io.peerscope.agent.smtp.SmtpListener;
import io.peerscope.agent.smtp.SmtpSessionFactory;
import io.peerscope.agent.smtp.SmtpSessionSummary;
import io.peerscope.agent.smtp.SmtpTransaction;
import io.peerscope.agent.smtp.SoftwareIdentifier;
import io.peerscope.agent.smtp.TlsObserver;
import io.peerscope.agent.tcp.StreamListener;
import io.peerscope.agent.tcp.TcpConnection;
import io.peerscope.wire.Finding;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * STARTTLS followed by a real TLS 1.2 handshake from the JDK's engines with a self-signed
 * certificate: the SMTP session hands the bytes to the handshake tracker, smtp.jsonl says tls,
 * and the server gets an smtp.weak-tls finding naming the certificate.
 */
class StarttlsWeakTlsTest {
  @TempDir Path dir;

  @Test
  void selfSignedCertificateAfterStarttlsIsWeakTls() throws Exception {
    JdkHandshake.Transcript hs = JdkHandshake.run(JdkHandshake.selfSignedKeyStore(dir), "TLSv1.2");
    Counters counters = new Counters();
    List<SmtpTransaction> log = new ArrayList<>();
    List<SmtpSessionSummary> sessions = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    SmtpFindingDetector detector = new SmtpFindingDetector("s1", null, findings::add, counters);
    SmtpListener record = new SmtpListener() {
      @Override
      public void onTransaction(SmtpTransaction t) {
        log.add(t);
      }

      @Override
      public void onSessionEnd(SmtpSessionSummary s) {
        sessions.add(s);
      }
    };
    SmtpSessionFactory factory = new SmtpSessionFactory(SmtpLimits.DEFAULTS, counters,
        SmtpListener.all(List.of(record, detector)), SoftwareIdentifier.NONE,
        () -> TlsObserver.handshakeTracker(new TlsCounters(counters)));
    TcpConnection conn = new TcpConnection(IpAddress.parse("192.168.4.149"), 54_170, IpAddress.parse("192.168.4.25"), 25);
    long now = System.currentTimeMillis() * 1000 + 60_000_000L; // the certificate was made just now
    StreamListener s = factory.open(conn, now);
    feed(s, false, now, "220 mail.example.test ESMTP\r\n");
    feed(s, true, now, "EHLO openssl.client.net\r\n");
    feed(s, false, now, "250-mail.example.test\r\n250-PIPELINING\r\n250 STARTTLS\r\n");
    feed(s, true, now, "STARTTLS\r\n");
    feed(s, false, now, "220 2.0.0 Ready to start TLS\r\n");
    // the transcripts in pieces, as segments would bring them
    for (int off = 0; off < Math.max(hs.clientBytes().length, hs.serverBytes().length); off += 500) {
      if (off < hs.clientBytes().length) {
        s.onData(true, now, hs.clientBytes(), off, Math.min(500, hs.clientBytes().length - off));
      }
      if (off < hs.serverBytes().length) {
        s.onData(false, now, hs.serverBytes(), off, Math.min(500, hs.serverBytes().length - off));
      }
    }
    s.onClose(now + 1_000_000, StreamListener.CloseReason.FIN);
    detector.onEnd(now + 1_000_000);

    assertThat(log).hasSize(1);
    assertThat(log.get(0).tls()).isTrue();
    assertThat(log.get(0).lastReply()).isEqualTo("220 2.0.0 Ready to start TLS");
    TlsHandshakeInfo info = sessions.get(0).tlsHandshake();
    assertThat(info.negotiatedVersion()).isEqualTo(TlsVersion.TLS_1_2);
    assertThat(info.sni()).isEqualTo(JdkHandshake.HOST);
    assertThat(info.certificate().selfSigned()).isTrue();

    Finding weak = findings.stream().filter(f -> f.kind().equals("smtp.weak-tls")).reduce((a, b) -> b).orElseThrow();
    assertThat(weak.subject()).isEqualTo("192.168.4.25:25");
    assertThat(weak.evidence().get("problems")).isEqualTo(List.of("self-signed certificate"));
    assertThat(weak.evidence().get("tls_versions")).isEqualTo(Map.of("TLSv1.2", 1L));
    assertThat(((Map<?, ?>) weak.evidence().get("certificate")).get("subject").toString()).contains(JdkHandshake.HOST);
    assertThat(findings).noneMatch(f -> f.kind().equals("smtp.starttls-missing"));
  }

  private static void feed(StreamListener s, boolean fromClient, long ts, String text) {
    byte[] b = text.getBytes(StandardCharsets.US_ASCII);
    s.onData(fromClient, ts, b, 0, b.length);
  }
}
