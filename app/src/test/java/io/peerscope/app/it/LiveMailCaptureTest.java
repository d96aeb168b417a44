package io.peerscope.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peerscope.app.demo.CollectorApi;
import io.peerscope.collector.Collector;
import io.peerscope.collector.CollectorConfig;
import io.peerscope.collector.HostPort;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3, must-show 3: a real mail exchange captured live. Two network namespaces joined by a
 * veth pair; Debian's Postfix in one (STARTTLS with a self-signed certificate, AUTH in cleartext),
 * Debian's swaks in the other sends three mails to port 25: in cleartext, with STARTTLS, and with
 * AUTH LOGIN in cleartext; and a fourth the way a mail client should, to submission port 587 with
 * AUTH PLAIN inside STARTTLS, which must not count as cleartext AUTH. {@code peerscope agent
 * --interface} captures on the server's end of the veth and publishes to a collector with its
 * embedded broker. The logs, the findings and what reached the collector describe the sessions,
 * and the password is nowhere: not in the log files, not in an MQTT payload, not in the
 * collector's database file, not in its API.
 */
@Tag("system")
class LiveMailCaptureTest {
  private static final Duration STEP = Duration.ofSeconds(30);
  /** A JVM starting on a busy 2-core machine: the agent opening its capture. */
  private static final Duration START = Duration.ofSeconds(90);
  private static final String SERVER = "198.51.100.25";
  private static final String CLIENT = "198.51.100.10";
  private static final String SERVER_IF = "psq-ms";
  private static final String SENSOR = "mail-live";
  private static final String USER = "alice";
  private static final String HELO = "client.example.test";
  private static final String FROM = "alice@client.example.test";
  private static final String BANNER = PostfixInstance.HOSTNAME + " ESMTP Postfix";
  /** The agent's broker URL inside the server's namespace, bridged to the collector. */
  private static final int BRIDGED_MQTT_PORT = 1883;

  @TempDir Path dir;

  /** One swaks run: its recipient tells the sessions apart in smtp.jsonl. */
  private record Mail(int port, String rcpt, List<String> options) {}

  @Test
  void mailsInCleartextWithStarttlsAndWithAuthAreDescribedAndThePasswordIsNowhere() throws Exception {
    PostfixInstance.requirePackages();
    requireSwaksWithTls();
    String password = randomPassword();
    Secrets secrets = new Secrets(password, USER);

    Mail plain = new Mail(25, "plain@example.test", List.of());
    Mail tls = new Mail(25, "tls@example.test", List.of("-tls"));
    Mail auth = new Mail(25, "auth@example.test", List.of("-a", "LOGIN", "-au", USER, "-ap", password));
    Mail submission = new Mail(587, "submit@example.test", List.of("-tls", "-a", "PLAIN", "-au", USER, "-ap", password));

    Path logs = dir.resolve("logs");
    Path agentLog = dir.resolve("agent.log");
    Path collectorData = Files.createDirectories(dir.resolve("collector"));
    List<String> apiAnswers = new ArrayList<>();
    JsonNode apiFindings;

    try (Collector collector = Collector.start(collectorConfig(collectorData));
        MqttTap tap = MqttTap.open(collector.brokerUrl())) {
      assertThat(collector.awaitBrokerConnection(20, TimeUnit.SECONDS)).as("collector broker connection").isTrue();
      try (NetNs server = NetNs.create("mta"); NetNs client = NetNs.create("mua")) {
        NetNs.link(server, SERVER_IF, SERVER + "/24", client, "psq-mc", CLIENT + "/24");
        try (PostfixInstance postfix = PostfixInstance.start(server, dir.resolve("postfix"), SERVER, USER, password);
            LoopbackBridge bridge =
                LoopbackBridge.open(server, BRIDGED_MQTT_PORT, dir.resolve("mqtt.sock"), collector.mqttPort(),
                    dir.resolve("bridge.log"))) {
          Process agent = server.spawn(agentLog, agentCommand(logs).toArray(String[]::new));
          awaitLine(agentLog, "peerscope agent: capturing on " + SERVER_IF, agent);

          for (Mail m : List.of(plain, tls, auth, submission)) {
            NetNs.Result r = client.run(STEP, swaks(m).toArray(String[]::new));
            assertThat(r.exitCode()).as("swaks to port " + m.port() + " for " + m.rcpt() + ":\n" + r.stdout() + r.stderr()
                + "\nPostfix log:\n" + postfix.maillog()).isZero();
            assertThat(r.stdout()).as("swaks transcript").contains("250 2.0.0 Ok: queued");
            if (m.options().contains("-a")) {
              assertThat(r.stdout()).as("swaks transcript").contains("235 2.7.0 Authentication successful");
            }
          }
          // the capture thread gets the last frames within its read timeout (immediate mode)
          Thread.sleep(1_000);
          int exit = NetNs.terminate(agent, STEP);
          assertThat(exit).as("agent exit code after SIGTERM; log:\n" + Files.readString(agentLog)).isZero();
        }
      }

      List<JsonNode> findingLines = readLines(logs.resolve("findings.jsonl"));
      CollectorApi api = new CollectorApi("http://127.0.0.1:" + collector.httpPort());
      apiFindings = awaitFindings(api, findingLines);
      apiAnswers.add(apiFindings.toString());
      JsonNode sensor = awaitOffline(api);
      // the agent's last status, published at its clean exit, carries its final counters
      assertThat(sensor.path("counters").path("smtp.transactions").asLong()).as("counters of %s", sensor).isEqualTo(4);
      assertThat(sensor.path("counters").path("smtp.auth_lines_dropped").asLong())
          .as("AUTH LOGIN's two lines on port 25 (AUTH PLAIN on 587 is inside TLS)")
          .isEqualTo(2);
      apiAnswers.add(api.get("/api/sensors").toString());
      apiAnswers.add(api.get("/api/findings?kind=smtp.cleartext-auth").toString());
      tap.awaitStatus("offline", Duration.ofSeconds(20));
      secrets.assertAbsent("MQTT payloads (peerscope topics)", tap.payloads());
      assertThat(String.join("\n", tap.payloads())).as("MQTT payloads carry the findings").contains("smtp.cleartext-auth");
    }

    List<JsonNode> smtp = readLines(logs.resolve("smtp.jsonl"));
    assertThat(smtp).as("smtp.jsonl: one line per mail transaction").hasSize(4);
    assertPlainMail(only(smtp, plain.rcpt()), plain);
    assertTlsMail(smtp, 25);
    assertAuthMail(only(smtp, auth.rcpt()), auth);
    assertTlsMail(smtp, 587);

    List<JsonNode> findings = readLines(logs.resolve("findings.jsonl"));
    assertFindings(findings);
    assertThat(kindsAndSubjects(apiFindings)).as("findings in the collector's API").isEqualTo(kindsAndSubjects(findings));
    for (JsonNode f : apiFindings) {
      assertThat(f.path("sensors").toString()).contains(SENSOR);
    }

    // the password, in every form it crossed the wire in, is in nothing peerscope wrote or sent
    secrets.assertAbsentInFiles("the agent's logs directory", logs, "smtp.cleartext-auth");
    secrets.assertAbsentInFiles("the agent's console output", agentLog, "capturing on");
    secrets.assertAbsentInFiles("the agent's state directory", dir.resolve("state"), null);
    secrets.assertAbsent("collector API answers", apiAnswers);
    // closed above: H2 has written everything to its file; the findings' kinds in the bytes
    // show that text is stored as such, so a password would be found too
    secrets.assertAbsentInFiles("the collector's database files", collectorData, "smtp.cleartext-auth");
  }

  private static void assertPlainMail(JsonNode tx, Mail m) {
    assertCommon(tx, m);
    assertThat(tx.path("mail_from").asText()).isEqualTo(FROM);
    assertThat(tx.path("last_reply").asText()).as("last_reply of %s", tx).startsWith("250 2.0.0 Ok: queued as");
    assertThat(tx.path("tls").asBoolean()).as("tls of %s", tx).isFalse();
    assertThat(tx.path("auth_mechanism").isNull()).as("auth_mechanism of %s", tx).isTrue();
    assertThat(tx.path("user_agent").asText()).as("user_agent: swaks's X-Mailer").startsWith("swaks v");
  }

  /**
   * After STARTTLS the second EHLO, AUTH, MAIL, RCPT and the message are encrypted: a passive
   * sensor sees the greeting, the first EHLO and the 220 to STARTTLS (RFC 3207 section 4.2), as
   * Zeek does.
   */
  private static void assertTlsMail(List<JsonNode> smtp, int port) {
    List<JsonNode> onPort = smtp.stream().filter(l -> l.path("server_port").asInt() == port).toList();
    List<JsonNode> encrypted = onPort.stream().filter(l -> l.path("tls").asBoolean()).toList();
    assertThat(encrypted).as("exactly one transaction with tls=true on port %d in %s", port, smtp).hasSize(1);
    JsonNode tx = encrypted.get(0);
    assertThat(tx.path("client").asText()).isEqualTo(CLIENT);
    assertThat(tx.path("server").asText()).isEqualTo(SERVER);
    assertThat(tx.path("banner").asText()).isEqualTo(BANNER);
    assertThat(tx.path("helo").asText()).isEqualTo(HELO);
    assertThat(tx.path("last_reply").asText()).isEqualTo("220 2.0.0 Ready to start TLS");
    assertThat(tx.path("mail_from").isNull()).as("mail_from is encrypted: %s", tx).isTrue();
    assertThat(tx.path("rcpt_to").size()).as("rcpt_to is encrypted: %s", tx).isZero();
    assertThat(tx.path("auth_mechanism").isNull()).as("AUTH is encrypted: %s", tx).isTrue();
  }

  private static void assertAuthMail(JsonNode tx, Mail m) {
    assertCommon(tx, m);
    assertThat(tx.path("mail_from").asText()).isEqualTo(FROM);
    assertThat(tx.path("last_reply").asText()).as("last_reply of %s", tx).startsWith("250 2.0.0 Ok: queued as");
    assertThat(tx.path("tls").asBoolean()).isFalse();
    assertThat(tx.path("auth_mechanism").asText()).isEqualTo("LOGIN");
  }

  private static void assertCommon(JsonNode tx, Mail m) {
    assertThat(tx.path("ts").isNumber()).isTrue();
    assertThat(tx.path("client").asText()).isEqualTo(CLIENT);
    assertThat(tx.path("client_port").asInt()).isPositive();
    assertThat(tx.path("server").asText()).isEqualTo(SERVER);
    assertThat(tx.path("server_port").asInt()).isEqualTo(m.port());
    assertThat(tx.path("trans_depth").asInt()).isEqualTo(1);
    assertThat(tx.path("banner").asText()).isEqualTo(BANNER);
    assertThat(tx.path("helo").asText()).isEqualTo(HELO);
    assertThat(tx.path("rcpt_to").toString()).isEqualTo("[\"" + m.rcpt() + "\"]");
    assertThat(tx.path("server_software").asText()).as("server_software of %s", tx).contains("Postfix");
  }

  /**
   * Port 25: smtp.cleartext-auth and smtp.weak-tls; port 587: smtp.weak-tls only, its AUTH was
   * inside TLS. Nothing else: Postfix offers STARTTLS, and its banner names no version.
   */
  private static void assertFindings(List<JsonNode> findings) {
    String smtp = SERVER + ":25";
    String submission = SERVER + ":587";
    assertThat(kindsAndSubjects(findings)).as("finding kinds and subjects in %s", findings)
        .isEqualTo(new TreeSet<>(Set.of(
            "smtp.cleartext-auth " + smtp, "smtp.weak-tls " + smtp, "smtp.weak-tls " + submission)));
    for (JsonNode f : findings) {
      assertThat(f.path("v").asInt()).isEqualTo(1);
      assertThat(f.path("sensor").asText()).isEqualTo(SENSOR);
      assertThat(f.path("evidence").path("banner").asText()).isEqualTo(BANNER);
      assertThat(f.path("evidence").path("product").asText()).isEqualTo("Postfix");
    }
    assertWeakTls(last(findings, "smtp.weak-tls", submission));
    JsonNode weak = last(findings, "smtp.weak-tls", smtp);
    assertWeakTls(weak);
    assertThat(weak.path("evidence").path("sessions").asLong()).as("sessions to port 25 when TLS was seen").isPositive();

    JsonNode auth = last(findings, "smtp.cleartext-auth", smtp);
    assertThat(auth.path("severity").asText()).isEqualTo("high");
    assertThat(auth.path("count").asLong()).isEqualTo(1);
    assertThat(auth.path("evidence").path("mechanisms").toString()).isEqualTo("{\"LOGIN\":1}");
    assertThat(auth.path("evidence").path("auth_attempts").asLong()).isEqualTo(1);
    assertThat(auth.path("evidence").path("auth_accepted").asLong()).as("235 from Postfix").isEqualTo(1);
    assertThat(auth.path("evidence").path("capabilities").toString()).contains("STARTTLS");
    assertThat(auth.path("evidence").path("clients").toString()).contains(CLIENT);
  }

  private static void assertWeakTls(JsonNode weak) {
    assertThat(weak.path("evidence").path("problems").toString())
        .as("TLS 1.2 is not weak; the certificate is fresh, only self-signed")
        .isEqualTo("[\"self-signed certificate\"]");
    JsonNode cert = weak.path("evidence").path("certificate");
    assertThat(cert.path("self_signed").asBoolean()).isTrue();
    assertThat(cert.path("subject").asText()).contains("CN=" + PostfixInstance.HOSTNAME);
    assertThat(cert.path("issuer").asText()).contains("CN=" + PostfixInstance.HOSTNAME);
    assertThat(weak.path("evidence").path("tls_versions").toString()).isEqualTo("{\"TLSv1.2\":1}");
  }

  private static Set<String> kindsAndSubjects(Iterable<JsonNode> findings) {
    Set<String> kinds = new TreeSet<>();
    findings.forEach(f -> kinds.add(f.path("kind").asText() + " " + f.path("subject").asText()));
    return kinds;
  }

  /** The latest emission: findings are re-emitted as their evidence grows. */
  private static JsonNode last(List<JsonNode> findings, String kind, String subject) {
    JsonNode found = null;
    for (JsonNode f : findings) {
      if (kind.equals(f.path("kind").asText()) && subject.equals(f.path("subject").asText())) {
        found = f;
      }
    }
    assertThat(found).as(kind + " for " + subject + " in " + findings).isNotNull();
    return found;
  }

  private static JsonNode only(List<JsonNode> smtp, String rcpt) {
    List<JsonNode> matches =
        smtp.stream().filter(l -> l.path("rcpt_to").toString().contains(rcpt)).toList();
    assertThat(matches).as("smtp.jsonl lines for " + rcpt + " in " + smtp).hasSize(1);
    return matches.get(0);
  }

  /** Waits until the API serves every finding id the agent logged (bounded). */
  private static JsonNode awaitFindings(CollectorApi api, List<JsonNode> logged) throws Exception {
    Set<String> ids = logged.stream().map(f -> f.path("id").asText()).collect(Collectors.toSet());
    long deadline = System.nanoTime() + STEP.toNanos();
    while (true) {
      JsonNode served = api.findings(SENSOR);
      Set<String> servedIds = new TreeSet<>();
      served.forEach(f -> servedIds.add(f.path("id").asText()));
      if (servedIds.equals(ids) || System.nanoTime() > deadline) {
        assertThat(servedIds).as("finding ids served by the collector vs. logged by the agent").isEqualTo(ids);
        return served;
      }
      Thread.sleep(100);
    }
  }

  private static JsonNode awaitOffline(CollectorApi api) throws Exception {
    long deadline = System.nanoTime() + STEP.toNanos();
    JsonNode s = api.sensor(SENSOR);
    while (!"offline".equals(s.path("state").asText()) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      s = api.sensor(SENSOR);
    }
    assertThat(s.path("state").asText()).as("sensor %s in the collector's API", s).isEqualTo("offline");
    return s;
  }

  private CollectorConfig collectorConfig(Path data) {
    return CollectorConfig.defaults()
        .withHttp(new HostPort("127.0.0.1", 0))
        .withMqttListen(new HostPort("127.0.0.1", 0))
        .withDataDir(data)
        .withBrokerPersistence(CollectorConfig.PERSIST_MEMORY);
  }

  private List<String> agentCommand(Path logs) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // peerscope.root: the project's config/ with the fingerprints and end-of-life data
    return List.of(
        java, "-Dpeerscope.root=" + System.getProperty("peerscope.root"), "-cp", System.getProperty("java.class.path"),
        "io.peerscope.app.Main",
        "agent", "--interface", SERVER_IF, "--logs", logs.toString(), "--state", dir.resolve("state").toString(),
        "--sensor", SENSOR, "--broker", "tcp://127.0.0.1:" + BRIDGED_MQTT_PORT);
  }

  private static List<String> swaks(Mail m) {
    List<String> cmd = new ArrayList<>(List.of(
        "swaks", "--server", SERVER, "--port", Integer.toString(m.port()), "--helo", HELO, "--from", FROM, "--to", m.rcpt(),
        "--timeout", "20"));
    cmd.addAll(m.options());
    return cmd;
  }

  /** swaks speaks TLS through Net::SSLeay, which Debian ships apart (a recommendation only). */
  private static void requireSwaksWithTls() {
    NetNs.requireBinary("swaks", "swaks");
    NetNs.Result r = NetNs.host(STEP, "swaks", "--support");
    String out = r.stdout() + r.stderr();
    if (!out.contains("TLS supported")) {
      throw new AssertionError("swaks cannot speak TLS: install the Debian package libnet-ssleay-perl"
          + " (bin/peerscope test installs every package the tests use); swaks --support said:\n" + out);
    }
  }

  /** Letters and digits only: nothing in a shell or SMTP needs escaping, and it is unique to this run. */
  private static String randomPassword() {
    String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    SecureRandom random = new SecureRandom();
    StringBuilder b = new StringBuilder("Pw");
    for (int i = 0; i < 22; i++) {
      b.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  private static List<JsonNode> readLines(Path file) throws Exception {
    assertThat(file).as("log file").exists();
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> lines = new ArrayList<>();
    for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      lines.add(json.readTree(l));
    }
    return lines;
  }

  private static void awaitLine(Path log, String text, Process p) throws Exception {
    long deadline = System.nanoTime() + START.toNanos();
    while (!(Files.exists(log) && Files.readString(log).contains(text))) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("agent did not start: " + (Files.exists(log) ? Files.readString(log) : "no log"));
      }
      Thread.sleep(100);
    }
  }
}
