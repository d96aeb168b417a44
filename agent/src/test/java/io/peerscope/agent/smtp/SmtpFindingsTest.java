package io.peerscope.agent.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.log.SmtpLogWriter;
import io.peerscope.agent.metrics.Counters;
import io.peerscope.agent.smtp.fingerprint.EolKnowledge;
import io.peerscope.agent.smtp.fingerprint.Fingerprinter;
import io.peerscope.agent.smtp.tls.TlsCounters;
import io.peerscope.wire.Finding;
import io.peerscope.wire.WireJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An end-of-life IIS 6 server with no STARTTLS and a client logging in with AUTH LOGIN in
 * cleartext, written as a capture and replayed through the real pipeline with the project's own
 * knowledge base: the three findings carry the evidence an admin needs, and the password is
 * nowhere in what the agent produces.
 */
@SuppressWarnings("unchecked")
class SmtpFindingsTest {
  private static final String USER = "jsmith";
  private static final String PASSWORD = "Winter2016!corp";

  @TempDir Path dir;

  static ServerKnowledge knowledge(Counters counters) throws Exception {
    String root = System.getProperty("peerscope.root");
    Path config = root == null ? Path.of("..", "config") : Path.of(root, "config");
    if (!Files.isDirectory(config.resolve("fingerprints"))) {
      throw new AssertionError("project config not found at " + config.toAbsolutePath());
    }
    return new ServerKnowledge(
        Fingerprinter.load(Fingerprinter.ownFiles(config), List.of(), counters),
        EolKnowledge.load(EolKnowledge.defaultFile(config)));
  }

  @Test
  void endOfLifeServerWithoutStarttlsAndCleartextLoginGivesThreeFindings() throws Exception {
    Path pcap = dir.resolve("iis6-cleartext-login.pcap");
    List<io.peerscope.agent.synth.TcpConversation.Segment> segments = new ArrayList<>();
    segments.addAll(MailCapture.iis6WithCleartextLogin(40_001, MailCapture.START, USER, PASSWORD));
    segments.addAll(MailCapture.iis6WithCleartextLogin(40_002, MailCapture.START + 3_600_000_000L, USER, PASSWORD));
    MailCapture.write(pcap, segments);

    Counters counters = new Counters();
    ServerKnowledge knowledge = knowledge(counters);
    List<Finding> findings = new ArrayList<>();
    SmtpFindingDetector detector = new SmtpFindingDetector("demo", knowledge, findings::add, counters);
    SmtpLogWriter writer = SmtpLogWriter.open(dir.resolve("logs"), false, counters);
    SmtpReplay replay = new SmtpReplay(SmtpListener.all(List.of(writer, detector)), knowledge,
        () -> TlsObserver.handshakeTracker(new TlsCounters(counters)));
    replay.replay(pcap);
    detector.onEnd(MailCapture.START + 7_200_000_000L);
    writer.flush();

    Map<String, Finding> last = new java.util.HashMap<>();
    findings.forEach(f -> last.put(f.kind(), f));
    assertThat(last).containsOnlyKeys("smtp.eol-software", "smtp.starttls-missing", "smtp.cleartext-auth");

    Finding eol = last.get("smtp.eol-software");
    assertThat(eol.subject()).isEqualTo("10.20.0.25:25");
    assertThat(eol.severity()).isEqualTo("high");
    assertThat(eol.count()).isEqualTo(2);
    assertThat(eol.id()).isEqualTo(Finding.stableId("demo", "smtp.eol-software", "10.20.0.25:25"));
    assertThat(eol.firstSeen()).isEqualTo("2016-05-02T06:12:00Z");
    assertThat(eol.evidence()).containsEntry("vendor", "Microsoft").containsEntry("version", "6.0.3790.3959")
        .containsEntry("end_of_support", "2015-07-14").containsEntry("clients_seen", 1)
        .containsEntry("sessions", 2L);
    assertThat((String) eol.evidence().get("banner")).contains("Microsoft ESMTP MAIL Service, Version: 6.0.3790.3959");
    assertThat(eol.summary()).contains("10.20.0.25:25").contains("2015-07-14");

    Finding starttls = last.get("smtp.starttls-missing");
    assertThat(starttls.evidence()).containsEntry("ehlo_without_starttls", 2L).containsEntry("ehlo_with_starttls", 0L);
    assertThat((List<String>) starttls.evidence().get("capabilities")).contains("AUTH GSSAPI NTLM LOGIN").doesNotContain("STARTTLS");

    Finding auth = last.get("smtp.cleartext-auth");
    assertThat(auth.severity()).isEqualTo("high");
    assertThat(auth.count()).isEqualTo(2);
    assertThat(auth.evidence()).containsEntry("mechanisms", Map.of("LOGIN", 2L)).containsEntry("auth_accepted", 2L);
    assertThat(auth.lastSeen()).isAfter(auth.firstSeen());

    String smtpLog = Files.readString(dir.resolve("logs").resolve("smtp.jsonl"), StandardCharsets.UTF_8);
    assertThat(smtpLog.lines()).hasSize(2);
    Map<?, ?> line = WireJson.mapper().readValue(smtpLog.lines().findFirst().orElseThrow(), Map.class);
    assertThat(line.get("auth_mechanism")).isEqualTo("LOGIN");
    assertThat(line.get("user_agent")).isEqualTo("Microsoft Outlook Express 6.00.2900.5512");
    assertThat((String) line.get("server_software")).contains("Microsoft").contains("6.0.3790.3959");
    assertThat(line.get("tls")).isEqualTo(false);
    assertThat(line.get("ts")).isInstanceOf(Number.class);

    String everything = smtpLog + WireJson.mapper().writeValueAsString(findings) + findings + replay.out.transactions
        + replay.out.sessions + counters.snapshot();
    assertNoCredential(everything, PASSWORD);
  }

  @Test
  void authPlainInitialResponseIsNeverKept() throws Exception {
    String secret = "s3cret-plain-pw";
    String initial = Base64.getEncoder().encodeToString(("\0alice\0" + secret).getBytes(StandardCharsets.UTF_8));
    Path pcap = dir.resolve("auth-plain.pcap");
    MailCapture.write(pcap, new MailCapture(40_100, 587, MailCapture.START)
        .s("220 smtp.example.org ESMTP Postfix\r\n")
        .c("EHLO laptop\r\n")
        .s("250-smtp.example.org\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n")
        .c("AUTH PLAIN " + initial + "\r\n")
        .s("535 5.7.8 Error: authentication failed\r\n")
        .c("AUTH LOGIN\r\n").s("334 VXNlcm5hbWU6\r\n").c("*\r\n").s("501 5.7.0 Authentication aborted\r\n")
        .c("QUIT\r\n").s("221 2.0.0 Bye\r\n")
        .close());
    Counters counters = new Counters();
    List<Finding> findings = new ArrayList<>();
    SmtpFindingDetector detector = new SmtpFindingDetector("s1", null, findings::add, counters);
    SmtpLogWriter writer = SmtpLogWriter.open(dir.resolve("logs"), false, counters);
    SmtpReplay replay = new SmtpReplay(SmtpListener.all(List.of(writer, detector)), SoftwareIdentifier.NONE,
        () -> TlsObserver.NONE);
    replay.replay(pcap);
    detector.onEnd(MailCapture.START + 1);
    writer.flush();
    Finding auth = findings.stream().filter(f -> f.kind().equals("smtp.cleartext-auth")).reduce((a, b) -> b).orElseThrow();
    assertThat(auth.evidence()).containsEntry("mechanisms", Map.of("LOGIN", 1L, "PLAIN", 1L)).containsEntry("auth_accepted", 0L);
    assertThat(auth.subject()).isEqualTo("10.20.0.25:587");
    assertThat(replay.out.sessions.get(0).authSuccess()).isFalse();
    String everything = Files.readString(dir.resolve("logs").resolve("smtp.jsonl"), StandardCharsets.UTF_8) + WireJson.mapper().writeValueAsString(findings)
        + replay.out.transactions + replay.out.sessions + counters.snapshot();
    assertNoCredential(everything, secret);
    assertThat(everything).doesNotContain(initial).doesNotContain("alice");
  }

  static void assertNoCredential(String output, String password) {
    Base64.Encoder b64 = Base64.getEncoder();
    assertThat(output)
        .isNotEmpty()
        .doesNotContain(password)
        .doesNotContain(b64.encodeToString(password.getBytes(StandardCharsets.UTF_8)))
        .doesNotContain(b64.encodeToString(USER.getBytes(StandardCharsets.UTF_8)));
  }
}
