package io.peerscope.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 2, must-show 3: live capture. Two network namespaces joined by a veth pair; Debian's
 * dnsmasq serves a few names in one, {@code dig} asks in the other over UDP and TCP, IPv4 and
 * IPv6, and {@code peerscope agent --interface} captures on the client's end of the veth. After
 * SIGTERM the agent exits 0 and every query is in {@code dns.jsonl} with its answer.
 */
@Tag("system")
class LiveDnsCaptureTest {
  private static final Duration STEP = Duration.ofSeconds(10);
  private static final String SERVER4 = "192.0.2.1";
  private static final String SERVER6 = "2001:db8:53::1";

  @TempDir Path dir;

  /** One dig: what to ask, how, and what the log must then say. */
  private record Ask(String name, String type, String server, boolean tcp, String rcode, String answer) {}

  private static final List<Ask> ASKS =
      List.of(
          new Ask("www.example.test", "A", SERVER4, false, "NOERROR", "192.0.2.80"),
          new Ask("mail.example.test", "AAAA", SERVER4, false, "NOERROR", "2001:db8::25"),
          new Ask("example.test", "MX", SERVER4, false, "NOERROR", "mail.example.test"),
          new Ask("example.test", "TXT", SERVER4, false, "NOERROR", "v=spf1 mx -all"),
          new Ask("missing.example.test", "A", SERVER4, false, "NXDOMAIN", null),
          new Ask("mail.example.test", "A", SERVER4, true, "NOERROR", "192.0.2.25"),
          new Ask("www.example.test", "A", SERVER6, false, "NOERROR", "192.0.2.80"));

  @Test
  void everyQueryOfALiveExchangeIsLogged() throws Exception {
    NetNs.requireBinary("dnsmasq", "dnsmasq");
    NetNs.requireBinary("dig", "dnsutils");
    NetNs.requireBinary("ip", "iproute2");
    Path logs = dir.resolve("logs");
    Path agentLog = dir.resolve("agent.log");
    try (NetNs server = NetNs.create("dns"); NetNs client = NetNs.create("cli")) {
      NetNs.link(server, "psq-s", SERVER4 + "/24", client, "psq-c", "192.0.2.2/24");
      server.run(STEP, "ip", "-6", "addr", "add", SERVER6 + "/64", "dev", "psq-s").requireSuccess("v6 server");
      client.run(STEP, "ip", "-6", "addr", "add", "2001:db8:53::2/64", "dev", "psq-c").requireSuccess("v6 client");
      startDnsmasq(server);

      Process agent =
          client.spawn(agentLog, agentCommand("psq-c", logs, dir.resolve("state")).toArray(String[]::new));
      awaitLine(agentLog, "peerscope agent: capturing on psq-c", agent);

      for (Ask a : ASKS) {
        List<String> dig = new ArrayList<>(List.of("dig", "@" + a.server(), a.name(), a.type(), "+tries=1", "+time=3"));
        if (a.tcp()) {
          dig.add("+tcp");
        }
        NetNs.Result r = client.run(STEP, dig.toArray(String[]::new)).requireSuccess(String.join(" ", dig));
        assertThat(r.stdout()).as(String.join(" ", dig)).contains("status: " + a.rcode());
      }
      // the capture thread gets the last frames within its read timeout (timeout_ms, 100 ms)
      Thread.sleep(500);
      int exit = NetNs.terminate(agent, Duration.ofSeconds(30));
      assertThat(exit).as("agent exit code after SIGTERM; log:\n" + Files.readString(agentLog)).isZero();
    }

    List<JsonNode> lines = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String l : Files.readAllLines(logs.resolve("dns.jsonl"))) {
      lines.add(json.readTree(l));
    }
    for (Ask a : ASKS) {
      JsonNode match =
          lines.stream()
              .filter(l -> a.name().equals(l.path("query").asText()))
              .filter(l -> a.type().equals(l.path("qtype_name").asText()))
              .filter(l -> a.server().equals(l.path("server").asText()))
              .filter(l -> (a.tcp() ? "tcp" : "udp").equals(l.path("proto").asText()))
              .findFirst()
              .orElse(null);
      assertThat(match).as("dns.jsonl line for " + a + " in " + lines).isNotNull();
      assertThat(match.path("rcode_name").asText()).isEqualTo(a.rcode());
      assertThat(match.path("client_port").asInt()).isPositive();
      assertThat(match.path("rtt").isNumber()).as("rtt of " + a).isTrue();
      if (a.answer() != null) {
        assertThat(match.path("answers").toString()).contains(a.answer());
      }
    }
  }

  private void startDnsmasq(NetNs server) throws Exception {
    Path log = dir.resolve("dnsmasq.log");
    server.spawn(
        log,
        "dnsmasq",
        "--keep-in-foreground",
        "--conf-file=/dev/null",
        "--no-resolv",
        "--no-hosts",
        "--bind-interfaces",
        "--listen-address=" + SERVER4 + "," + SERVER6,
        "--except-interface=lo",
        "--user=root",
        "--pid-file=" + dir.resolve("dnsmasq.pid"),
        "--log-facility=-",
        "--log-queries",
        // authoritative for example.test: unknown names there are NXDOMAIN, never forwarded
        "--local=/example.test/",
        "--address=/www.example.test/192.0.2.80",
        "--host-record=mail.example.test,192.0.2.25,2001:db8::25",
        "--mx-host=example.test,mail.example.test,10",
        "--txt-record=example.test,v=spf1 mx -all");
    // ready when it answers
    long deadline = System.nanoTime() + STEP.toNanos();
    while (true) {
      NetNs.Result r = server.run(STEP, "dig", "@" + SERVER4, "www.example.test", "+tries=1", "+time=1", "+short");
      if (r.stdout().contains("192.0.2.80")) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("dnsmasq did not answer: " + Files.readString(log));
      }
      Thread.sleep(100);
    }
  }

  /** The agent as its own JVM: it must live inside the namespace to open the veth. */
  static List<String> agentCommand(String iface, Path logs, Path state) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return List.of(
        java, "-cp", System.getProperty("java.class.path"),
        // the project's config/ (fingerprints) for a JVM started outside bin/peerscope
        "-Dpeerscope.root=" + System.getProperty("peerscope.root"),
        "io.peerscope.app.Main",
        "agent", "--interface", iface, "--logs", logs.toString(), "--state", state.toString(), "--sensor", "live");
  }

  private static void awaitLine(Path log, String text, Process p) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!(Files.exists(log) && Files.readString(log).contains(text))) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("agent did not start: " + (Files.exists(log) ? Files.readString(log) : "no log"));
      }
      Thread.sleep(100);
    }
  }
}
