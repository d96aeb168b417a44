package io.peerscope.agent.smtp.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.metrics.Counters;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsHandshakeTrackerTest {
  @TempDir static Path dir;
  private static JdkHandshake.Transcript tls12;
  private static JdkHandshake.Transcript tls13;

  @BeforeAll
  static void handshakes() throws Exception {
    KeyStore keys = JdkHandshake.selfSignedKeyStore(dir);
    tls12 = JdkHandshake.run(keys, "TLSv1.2");
    tls13 = JdkHandshake.run(keys, "TLSv1.3");
  }

  private final Counters counters = new Counters();
  private final TlsHandshakeTracker tracker = new TlsHandshakeTracker(new TlsCounters(counters));

  private static void feed(TlsHandshakeTracker t, JdkHandshake.Transcript tr, int slice) {
    // interleave the directions in slices, as TCP segments of both sides would arrive
    byte[] c = tr.clientBytes();
    byte[] s = tr.serverBytes();
    int ci = 0;
    int si = 0;
    while (ci < c.length || si < s.length) {
      int n = Math.min(slice, c.length - ci);
      t.onData(true, c, ci, n);
      ci += n;
      int m = Math.min(slice, s.length - si);
      t.onData(false, s, si, m);
      si += m;
    }
  }

  @Test
  void tls12HandshakeFromJdkEnginesGivesHellosAndTheSelfSignedCertificate() {
    assertThat(tls12.protocol()).isEqualTo("TLSv1.2");
    feed(tracker, tls12, 1 << 20);
    TlsHandshakeInfo info = tracker.info();
    assertThat(info.clientHelloSeen()).isTrue();
    assertThat(info.sni()).isEqualTo(JdkHandshake.HOST);
    assertThat(info.offeredVersions()).contains(TlsVersion.TLS_1_2).doesNotContain(TlsVersion.TLS_1_3);
    assertThat(info.offeredCipherCount()).isGreaterThan(4);
    assertThat(info.serverHelloSeen()).isTrue();
    assertThat(info.negotiatedVersion()).isEqualTo(TlsVersion.TLS_1_2);
    assertThat(info.weakVersion()).isFalse();
    // the JDK names suites by their IANA names, as the table does
    assertThat(info.cipherSuite().name()).isEqualTo(tls12.cipherSuite());
    TlsCertificate cert = info.certificate();
    assertThat(cert).isNotNull();
    assertThat(cert.subject()).isEqualTo("CN=" + JdkHandshake.HOST + ",O=peerscope test");
    assertThat(cert.issuer()).isEqualTo(cert.subject());
    assertThat(cert.selfSigned()).isTrue();
    assertThat(cert.chainLength()).isEqualTo(1);
    assertThat(cert.sha256()).hasSize(64);
    assertThat(Duration.between(cert.notBefore(), cert.notAfter()).toDays()).isEqualTo(365);
    assertThat(cert.invalidAt(Instant.now())).isFalse();
    assertThat(cert.invalidAt(cert.notAfter().plusSeconds(1))).isTrue();
    assertThat(info.anomalies()).isEmpty();
    assertThat(tracker.isDone()).isTrue();
    assertThat(counters.get("smtp.tls.client_hello")).isEqualTo(1);
    assertThat(counters.get("smtp.tls.server_hello")).isEqualTo(1);
    assertThat(counters.get("smtp.tls.certificates")).isEqualTo(1);
  }

  @Test
  void recordsSplitAcrossOneByteSegmentsGiveTheSameResult() {
    TlsHandshakeTracker whole = new TlsHandshakeTracker(new TlsCounters(new Counters()));
    feed(whole, tls12, 1 << 20);
    feed(tracker, tls12, 1);
    assertThat(tracker.info()).isEqualTo(whole.info());
    TlsHandshakeTracker odd = new TlsHandshakeTracker(new TlsCounters(new Counters()));
    feed(odd, tls12, 7);
    assertThat(odd.info()).isEqualTo(whole.info());
  }

  @Test
  void tls13HandshakeGivesVersionFromSupportedVersionsAndNoCertificate() {
    assertThat(tls13.protocol()).isEqualTo("TLSv1.3");
    feed(tracker, tls13, 100);
    TlsHandshakeInfo info = tracker.info();
    assertThat(info.offeredVersions()).contains(TlsVersion.TLS_1_3);
    // RFC 8446 4.1.2: the legacy field stays at TLS 1.2, the real version is in the extension
    assertThat(info.clientVersion()).isEqualTo(TlsVersion.TLS_1_2);
    assertThat(info.negotiatedVersion()).isEqualTo(TlsVersion.TLS_1_3);
    assertThat(info.cipherSuite().name()).isEqualTo(tls13.cipherSuite());
    assertThat(info.sni()).isEqualTo(JdkHandshake.HOST);
    // encrypted in TLS 1.3: out of reach by design, not an anomaly
    assertThat(info.certificate()).isNull();
    assertThat(info.anomalies()).isEmpty();
    assertThat(tracker.isDone()).isTrue();
    assertThat(counters.get("smtp.tls.parse_errors.malformed")).isZero();
  }

  @Test
  void everyTruncationOfTheServerFlightIsToleratedAndKeepsWhatWasComplete() {
    byte[] s = tls12.serverBytes();
    for (int cut = 0; cut < s.length; cut += 13) {
      Counters c = new Counters();
      TlsHandshakeTracker t = new TlsHandshakeTracker(new TlsCounters(c));
      t.onData(true, tls12.clientBytes(), 0, tls12.clientBytes().length);
      t.onData(false, s, 0, cut);
      TlsHandshakeInfo info = t.info();
      assertThat(info.clientHelloSeen()).isTrue();
      if (info.certificate() != null) {
        assertThat(info.serverHelloSeen()).isTrue();
      }
      assertThat(c.get("smtp.tls.parse_errors.malformed")).as("cut at %d", cut).isZero();
      assertThat(info.anomalies()).as("cut at %d", cut).isEmpty();
    }
  }

  @Test
  void garbageAndPlainTextAreCountedAsNotTls() {
    byte[] smtp = "220 mail.example.test ESMTP Postfix\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    tracker.onData(false, smtp, 0, smtp.length);
    byte[] noise = new byte[4096];
    new Random(42).nextBytes(noise);
    noise[0] = 0x47; // 'G': no record type and no SSLv2 header
    tracker.onData(true, noise, 0, noise.length);
    assertThat(counters.get("smtp.tls.parse_errors.not_tls")).isEqualTo(2);
    assertThat(tracker.info().anomalies()).containsExactly("server: not TLS", "client: not TLS");
    assertThat(tracker.isDone()).isTrue();
    // fed after giving up: ignored
    tracker.onData(true, tls12.clientBytes(), 0, tls12.clientBytes().length);
    assertThat(tracker.info().clientHelloSeen()).isFalse();
  }

  @Test
  void randomBytesAfterAValidHelloNeverThrow() {
    Random r = new Random(7);
    for (int i = 0; i < 200; i++) {
      TlsHandshakeTracker t = new TlsHandshakeTracker(new TlsCounters(counters));
      byte[] s = tls12.serverBytes().clone();
      // corrupt a few bytes anywhere, lengths included
      for (int k = 0; k < 3; k++) {
        s[r.nextInt(s.length)] = (byte) r.nextInt(256);
      }
      t.onData(false, s, 0, s.length);
      t.onData(true, tls12.clientBytes(), 0, tls12.clientBytes().length);
      assertThat(t.info()).isNotNull();
    }
  }

  /** An SSL 2.0 compatible CLIENT-HELLO as old clients and scanners send it. */
  private static final byte[] SSLV2_CLIENT_HELLO = {
    (byte) 0x80, 0x2b, // SSLv2 record header, two-byte form: length 43
    0x01, // msg type CLIENT-HELLO
    0x03, 0x01, // version: TLS 1.0
    0x00, 0x12, // cipher_spec_length 18: six 3-byte specs
    0x00, 0x00, // session_id_length
    0x00, 0x10, // challenge_length 16
    0x00, 0x00, 0x04, 0x00, 0x00, 0x05, 0x00, 0x00, 0x0a, // RC4-MD5, RC4-SHA, 3DES
    0x01, 0x00, (byte) 0x80, 0x07, 0x00, (byte) 0xc0, 0x00, 0x00, 0x2f, // SSLv2 specs, AES128-SHA
    0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, (byte) 0x88, // challenge
    0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, (byte) 0x88
  };

  @Test
  void sslv2CompatibleClientHelloIsRecognisedAndCounted() {
    tracker.onData(true, SSLV2_CLIENT_HELLO, 0, SSLV2_CLIENT_HELLO.length);
    TlsHandshakeInfo info = tracker.info();
    assertThat(info.sslv2ClientHello()).isTrue();
    assertThat(info.clientVersion()).isEqualTo(TlsVersion.TLS_1_0);
    assertThat(info.offeredCipherCount()).isEqualTo(6);
    assertThat(counters.get("smtp.tls.sslv2_client_hello")).isEqualTo(1);
    assertThat(info.anomalies()).isEmpty();
  }

  /** A TLS 1.0 ServerHello choosing RC4: what a 2003-era mail server answers. */
  private static final byte[] TLS10_SERVER_HELLO_RC4 = {
    0x16, 0x03, 0x01, 0x00, 0x2a, // record: handshake, TLS 1.0, length 42
    0x02, 0x00, 0x00, 0x26, // ServerHello, length 38
    0x03, 0x01, // server_version TLS 1.0
    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, // random
    17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32,
    0x00, // session_id length 0
    0x00, 0x05, // cipher suite TLS_RSA_WITH_RC4_128_SHA
    0x00, // compression null
    0x16, 0x03, 0x01, 0x00, 0x04, // record: handshake, length 4
    0x0e, 0x00, 0x00, 0x00 // ServerHelloDone (no certificate: anonymous)
  };

  @Test
  void weakVersionAndCipherFromAnInlineTls10ServerHello() {
    tracker.onData(false, TLS10_SERVER_HELLO_RC4, 0, TLS10_SERVER_HELLO_RC4.length);
    TlsHandshakeInfo info = tracker.info();
    assertThat(info.negotiatedVersion()).isEqualTo(TlsVersion.TLS_1_0);
    assertThat(info.weakVersion()).isTrue();
    assertThat(info.cipherSuite().name()).isEqualTo("TLS_RSA_WITH_RC4_128_SHA");
    assertThat(info.cipherSuite().isWeak()).isTrue();
    assertThat(info.certificate()).isNull();
    assertThat(info.clientHelloSeen()).isFalse();
    assertThat(info.offeredCipherCount()).isEqualTo(-1);
  }

  @Test
  void unparsableCertificateIsCountedNotThrown() {
    byte[] msg = {
      0x16, 0x03, 0x03, 0x00, 0x0e, // record: handshake, TLS 1.2, length 14
      0x0b, 0x00, 0x00, 0x0a, // Certificate, length 10
      0x00, 0x00, 0x07, // certificate_list length 7
      0x00, 0x00, 0x04, // certificate length 4
      0x30, (byte) 0x82, 0x7f, 0x7f // a DER SEQUENCE claiming 32 KB it does not have
    };
    tracker.onData(false, msg, 0, msg.length);
    assertThat(tracker.info().certificate()).isNull();
    assertThat(tracker.info().anomalies()).containsExactly("server: certificate not parsable");
    assertThat(counters.get("smtp.tls.parse_errors.certificate")).isEqualTo(1);
  }

  @Test
  void oversizedHandshakeMessageIsSkippedByteExactlyAndTheStreamStaysInStep() {
    ByteArrayOutputStream s = new ByteArrayOutputStream();
    int bodyLen = 100_000; // beyond the 64 KB a message may take
    byte[] body = new byte[4 + bodyLen];
    body[0] = 0x0b; // Certificate
    body[1] = (byte) (bodyLen >> 16);
    body[2] = (byte) (bodyLen >> 8);
    body[3] = (byte) bodyLen;
    for (int off = 0; off < body.length; off += 16384) {
      int n = Math.min(16384, body.length - off);
      s.write(new byte[] {0x16, 0x03, 0x03, (byte) (n >> 8), (byte) n}, 0, 5);
      s.write(body, off, n);
    }
    s.write(Arrays.copyOfRange(TLS10_SERVER_HELLO_RC4, 0, 47), 0, 47);
    byte[] all = s.toByteArray();
    tracker.onData(false, all, 0, all.length);
    assertThat(counters.get("smtp.tls.parse_errors.oversized")).isEqualTo(1);
    assertThat(tracker.info().serverHelloSeen()).isTrue();
    assertThat(tracker.info().cipherSuite().code()).isEqualTo(0x0005);
  }

  @Test
  void gapStopsTheDirectionAndIsReported() {
    byte[] c = tls12.clientBytes();
    tracker.onData(true, c, 0, 3);
    tracker.onGap(true);
    tracker.onData(true, c, 3, c.length - 3);
    assertThat(tracker.info().clientHelloSeen()).isFalse();
    assertThat(tracker.info().anomalies()).containsExactly("client: gap in the stream");
    assertThat(counters.get("smtp.tls.gaps")).isEqualTo(1);
    // bad arguments are ignored, never thrown
    tracker.onData(false, null, 0, 10);
    tracker.onData(false, c, 5, c.length);
    tracker.onData(false, c, -1, 2);
  }

  @Test
  void versionAndCipherOpenEnums() {
    assertThat(TlsVersion.valueOf(0x0303)).isSameAs(TlsVersion.TLS_1_2);
    assertThat(TlsVersion.valueOf(0x7f17).name()).isEqualTo("TLSv1.3-draft23");
    assertThat(TlsVersion.valueOf(0x1234).name()).isEqualTo("0x1234");
    assertThat(TlsVersion.isGrease(0x2a2a)).isTrue();
    assertThat(TlsVersion.isGrease(0x0303)).isFalse();
    assertThat(TlsVersion.SSL_3.isWeak()).isTrue();
    assertThat(TlsVersion.TLS_1_2.isWeak()).isFalse();
    assertThat(CipherSuite.valueOf(0xc02f).name()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    assertThat(CipherSuite.valueOf(0xc02f).isWeak()).isFalse();
    assertThat(CipherSuite.valueOf(0xabcd).name()).isEqualTo("0xABCD");
    assertThat(CipherSuite.valueOf(0x000a).isWeak()).isTrue();
  }
}
