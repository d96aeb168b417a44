package io.peerscope.agent.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peerscope.agent.AgentLogs;
import io.peerscope.agent.decode.IpAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Must-show 1: every trace of Zeek's SMTP tests that comes with an expected smtp.log is replayed
 * through the whole agent ({@code peerscope agent --read FILE --logs DIR}) and each of Zeek's
 * lines is compared with a line of the smtp.jsonl it wrote, in the fields both describe (corpus
 * README: helo, mailfrom, rcptto as a set, last_reply, tls, user_agent). Lines are paired by
 * connection and trans_depth, in order when several share a depth.
 */
class ZeekSmtpConformanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path out;

  @Test
  void atLeastNinetyFivePercentOfZeeksTransactionsAgree() throws IOException {
    Path root = corpus().resolve("zeek/smtp");
    List<Path> logs;
    try (Stream<Path> s = Files.walk(root, 2)) {
      logs = s.filter(p -> p.getFileName().toString().equals("expected-smtp.log")).sorted().toList();
    }
    assertThat(logs).as("Zeek SMTP traces with expected-smtp.log under " + root).isNotEmpty();
    int total = 0;
    int agreed = 0;
    List<String> disagreements = new ArrayList<>();
    for (Path log : logs) {
      Path dir = log.getParent();
      Path trace;
      try (Stream<Path> s = Files.list(dir)) {
        trace = s.filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng")).findFirst().orElseThrow();
      }
      List<SmtpTransaction> ours = loggedByAgent(trace, out.resolve(dir.getFileName().toString()));
      Map<String, Integer> used = new HashMap<>();
      for (Map<String, String> zeek : ZeekLog.read(log)) {
        total++;
        String key = zeek.get("id.orig_h") + ":" + zeek.get("id.orig_p") + ">" + zeek.get("id.resp_h") + ":"
            + zeek.get("id.resp_p") + "#" + zeek.get("trans_depth");
        int nth = used.merge(key, 1, Integer::sum) - 1;
        List<SmtpTransaction> candidates = ours.stream().filter(t -> key(t).equals(key)).toList();
        String where = dir.getFileName() + " " + key + " (" + (nth + 1) + ")";
        if (nth >= candidates.size()) {
          disagreements.add(where + ": no line of ours for it; ours: " + ours);
          continue;
        }
        List<String> diffs = compare(zeek, candidates.get(nth));
        if (diffs.isEmpty()) {
          agreed++;
        } else {
          disagreements.add(where + ": " + String.join("; ", diffs));
        }
      }
    }
    System.out.printf("Zeek SMTP conformance: %d of %d transactions agree (%.1f%%)%n", agreed, total, 100.0 * agreed / total);
    disagreements.forEach(d -> System.out.println("  disagreement: " + d));
    assertThat(agreed * 100).as("agreement; disagreements: " + disagreements).isGreaterThanOrEqualTo(95 * total);
  }

  /** The handshake after STARTTLS, read by the TLS tracker, against Zeek's ssl.log of the trace. */
  @Test
  void handshakeAfterStarttlsAgreesWithZeeksSslLog() throws IOException {
    Path dir = corpus().resolve("zeek/smtp/starttls");
    List<Map<String, String>> expected = ZeekLog.read(dir.resolve("expected-ssl.log"));
    assertThat(expected).hasSize(1);
    Map<String, String> z = expected.get(0);
    io.peerscope.agent.metrics.Counters counters = new io.peerscope.agent.metrics.Counters();
    SmtpReplay replay = new SmtpReplay(null, SoftwareIdentifier.NONE,
        () -> TlsObserver.handshakeTracker(new io.peerscope.agent.smtp.tls.TlsCounters(counters)));
    replay.replay(dir.resolve("smtp-starttls.pcap"));
    assertThat(replay.out.sessions).hasSize(1);
    io.peerscope.agent.smtp.tls.TlsHandshakeInfo info = replay.out.sessions.get(0).tlsHandshake();
    assertThat(info).isNotNull();
    // Zeek writes TLSv12 where the project writes TLSv1.2
    assertThat(info.negotiatedVersion().name().replace(".", "")).isEqualTo(z.get("version"));
    assertThat(info.cipherSuite().name()).isEqualTo(z.get("cipher"));
    assertThat(info.sni()).isEqualTo(z.get("server_name"));
    assertThat(info.certificate().sha256()).isEqualToIgnoringCase(z.get("cert_chain_fps").split(",")[0]);
  }

  /** The lines of smtp.jsonl that the agent writes for the trace, read back as transactions. */
  private static List<SmtpTransaction> loggedByAgent(Path trace, Path logs) throws IOException {
    List<SmtpTransaction> out = new ArrayList<>();
    for (String line : Files.readAllLines(AgentLogs.replay(trace, logs).resolve("smtp.jsonl"))) {
      JsonNode j = JSON.readTree(line);
      List<String> rcpt = new ArrayList<>();
      j.path("rcpt_to").forEach(r -> rcpt.add(r.asText()));
      out.add(new SmtpTransaction(0, IpAddress.parse(j.path("client").asText()), j.path("client_port").asInt(),
          IpAddress.parse(j.path("server").asText()), j.path("server_port").asInt(), j.path("trans_depth").asInt(),
          text(j, "banner"), text(j, "helo"), text(j, "mail_from"), rcpt, text(j, "last_reply"),
          j.path("tls").asBoolean(), text(j, "auth_mechanism"), text(j, "user_agent"), List.of(),
          text(j, "server_software")));
    }
    return out;
  }

  private static String text(JsonNode j, String field) {
    JsonNode n = j.get(field);
    return n == null || n.isNull() ? null : n.asText();
  }

  private static String key(SmtpTransaction t) {
    return t.client() + ":" + t.clientPort() + ">" + t.server() + ":" + t.serverPort() + "#" + t.transDepth();
  }

  private static List<String> compare(Map<String, String> z, SmtpTransaction t) {
    List<String> d = new ArrayList<>();
    same(d, "helo", z.get("helo"), t.helo());
    same(d, "mailfrom", z.get("mailfrom"), t.mailFrom());
    Set<String> zr = z.get("rcptto") == null ? Set.of() : new LinkedHashSet<>(Arrays.asList(z.get("rcptto").split(",")));
    if (!zr.equals(new LinkedHashSet<>(t.rcptTo()))) {
      d.add("rcptto zeek=" + zr + " ours=" + t.rcptTo());
    }
    same(d, "last_reply", z.get("last_reply"), t.lastReply());
    same(d, "tls", z.get("tls"), t.tls() ? "T" : "F");
    same(d, "user_agent", z.get("user_agent"), t.userAgent());
    return d;
  }

  private static void same(List<String> d, String field, String zeek, String ours) {
    if (!java.util.Objects.equals(zeek, ours)) {
      d.add(field + " zeek=" + zeek + " ours=" + ours);
    }
  }

  static Path corpus() {
    String p = System.getProperty("peerscope.corpus");
    if (p == null || !Files.isDirectory(Path.of(p))) {
      throw new IllegalStateException(
          "the conformance corpus is missing: system property peerscope.corpus=" + p
              + " must name the shared corpus folder (../shared/corpus beside the project root)");
    }
    return Path.of(p);
  }
}
