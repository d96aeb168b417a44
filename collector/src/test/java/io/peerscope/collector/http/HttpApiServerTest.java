package io.peerscope.collector.http;

import static io.peerscope.collector.TestSupport.get;
import static io.peerscope.collector.TestSupport.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerscope.collector.CollectorMetrics;
import io.peerscope.collector.HostPort;
import io.peerscope.collector.store.Database;
import io.peerscope.collector.store.FindingStore;
import io.peerscope.collector.store.SensorStore;
import io.peerscope.wire.Finding;
import io.peerscope.wire.SensorStatus;
import io.peerscope.wire.SensorSummary;
import io.peerscope.wire.WireJson;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP API over a real H2 database; the broker probe is a switch the test flips. */
class HttpApiServerTest {
  private static final String XSS_SUBJECT = "<img src=x onerror=alert(1)>.evil.example";
  private final AtomicBoolean brokerUp = new AtomicBoolean(true);
  private Database database;
  private HttpApiServer server;
  private int port;

  @BeforeEach
  void start() throws Exception {
    database = Database.open("jdbc:h2:mem:" + UUID.randomUUID());
    FindingStore findings = new FindingStore(database);
    SensorStore sensors = new SensorStore(database, 100);
    Instant t = Instant.parse("2016-05-02T06:12:00Z");
    findings.upsert(Finding.of("pi-1", "dns.renamed-host", "high", XSS_SUBJECT, t, t.plusSeconds(5), 2,
        "renamed </td><script>alert(2)</script>", Map.of("old", "<b>bold</b>")), Instant.now());
    findings.upsert(Finding.of("pi-1", "dns.exclusive-peer", "medium", "mail1.example.com", t,
        t.plusSeconds(50), 9, "one client", Map.of()), Instant.now());
    sensors.status(new SensorStatus(1, "pi-1", "online", "0.1.0", t, Map.of("capture.packets", 10L)),
        Instant.now());
    sensors.summary(new SensorSummary(1, "pi-1", t, t.plusSeconds(60), Map.of("dns.transactions", 12L),
        Map.of("top_names", java.util.List.of(Map.of("name", XSS_SUBJECT, "count", 9),
            Map.of("name", "www.example.com", "count", 3)))), Instant.now());
    server = HttpApiServer.start(new HostPort("127.0.0.1", 0),
        new ApiServices(findings, sensors, new CollectorMetrics(), brokerUp::get, database::isUp, 100));
    port = server.port();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    database.close();
  }

  private JsonNode json(String path) throws Exception {
    var response = get(port, path);
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json; charset=utf-8");
    return WireJson.mapper().readTree(response.body());
  }

  @Test
  void findingsCarryTheContractFieldsAndFilter() throws Exception {
    JsonNode all = json("/api/findings").get("findings");
    assertThat(all).hasSize(2);
    JsonNode newest = all.get(0);
    assertThat(newest.get("subject").asText()).isEqualTo("mail1.example.com");
    for (String field : new String[] {"v", "id", "sensor", "kind", "severity", "subject",
        "first_seen", "last_seen", "count", "summary", "evidence", "sensors"}) {
      assertThat(newest.has(field)).as(field).isTrue();
    }
    assertThat(json("/api/findings?kind=dns.renamed-host").get("findings")).hasSize(1);
    assertThat(json("/api/findings?kind=&sensor=&subject=&since=").get("findings")).hasSize(2);
    assertThat(json("/api/findings?sensor=pi-2").get("findings")).isEmpty();
    assertThat(json("/api/findings?since=2016-05-02T06:12:30Z").get("findings")).hasSize(1);
    assertThat(json("/api/findings?subject=" + java.net.URLEncoder.encode(XSS_SUBJECT,
        StandardCharsets.UTF_8)).get("findings")).hasSize(1);
    assertThat(json("/api/findings?limit=1").get("findings")).hasSize(1);
    JsonNode sensors = json("/api/sensors").get("sensors");
    assertThat(sensors).hasSize(1);
    assertThat(sensors.get(0).get("state").asText()).isEqualTo("online");
    assertThat(sensors.get(0).at("/counters/capture.packets").asLong()).isEqualTo(10);
    JsonNode summary = sensors.get(0).get("summary");
    assertThat(summary.get("window_start").asText()).isEqualTo("2016-05-02T06:12:00Z");
    assertThat(summary.at("/counters/dns.transactions").asLong()).isEqualTo(12);
    assertThat(summary.at("/highlights/top_names/0/name").asText()).isEqualTo(XSS_SUBJECT);
    assertThat(summary.at("/highlights/top_names/1/count").asLong()).isEqualTo(3);
  }

  @Test
  void badQueriesAre400WithAMessage() throws Exception {
    for (String query : new String[] {"?since=yesterday", "?kind=DROP%20TABLE", "?sensor=a/b",
        "?colour=blue", "?kind=dns.a&kind=dns.b", "?limit=0", "?limit=101", "?limit=x"}) {
      var response = get(port, "/api/findings" + query);
      assertThat(response.statusCode()).as(query).isEqualTo(400);
      assertThat(WireJson.mapper().readTree(response.body()).get("error").asText()).as(query).isNotBlank();
    }
    assertThat(get(port, "/api/sensors?x=1").statusCode()).isEqualTo(400);
    assertThat(raw("GET /api/findings?kind=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 400");
  }

  @Test
  void unknownPathsAre404AndOtherMethods405() throws Exception {
    assertThat(get(port, "/api/nothing").statusCode()).isEqualTo(404);
    assertThat(get(port, "/../etc/passwd").statusCode()).isEqualTo(404);
    var post = send(port, "POST", "/api/findings");
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("allow")).hasValue("GET, HEAD");
    var head = send(port, "HEAD", "/healthz");
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(send(port, "DELETE", "/api/sensors").statusCode()).isEqualTo(405);
  }

  @Test
  void requestSizesAreBounded() throws Exception {
    String hugeHeader = "X-Pad: " + "a".repeat(20_000) + "\r\n";
    assertThat(raw("GET /healthz HTTP/1.1\r\nHost: x\r\n" + hugeHeader + "Connection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 431");
    assertThat(raw("GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
        .matches("(?s)HTTP/1.1 4(14|31).*");
    String body = "a".repeat(20_000);
    assertThat(raw("POST /api/findings HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length()
        + "\r\nConnection: close\r\n\r\n" + body)).startsWith("HTTP/1.1 413");
  }

  @Test
  void healthzFollowsTheBrokerAndTheDatabase() throws Exception {
    assertThat(get(port, "/healthz").statusCode()).isEqualTo(200);
    brokerUp.set(false);
    var down = get(port, "/healthz");
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(WireJson.mapper().readTree(down.body()).get("broker").asBoolean()).isFalse();
    brokerUp.set(true);
    database.close();
    assertThat(get(port, "/healthz").statusCode()).isEqualTo(503);
  }

  @Test
  void metricsArePrometheusTextWithoutNamesOrAddresses() throws Exception {
    get(port, "/api/findings");
    var response = get(port, "/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("text/plain; version=0.0.4");
    String text = response.body();
    assertThat(text).contains("# TYPE peerscope_collector_invalid_messages_total counter");
    assertThat(text).contains("peerscope_collector_findings 2\n");
    assertThat(text).contains("peerscope_collector_sensors 1\n");
    for (String line : text.split("\n")) {
      if (line.startsWith("#")) {
        continue;
      }
      assertThat(line).matches("peerscope_[a-z_]+(\\{[a-z]+=\"[a-z0-9_]+\"})? -?[0-9]+");
      String name = line.substring(0, line.indexOf(line.contains("{") ? '{' : ' '));
      assertThat(name.endsWith("_total") || text.contains("# TYPE " + name + " gauge")).as(line).isTrue();
    }
    assertThat(text).doesNotContain("pi-1").doesNotContain("example");
  }

  @Test
  void dashboardRendersWireStringsAsTextOnly() throws Exception {
    var page = get(port, "/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
    String html = page.body();
    // self-contained: no external scripts, styles or images
    assertThat(html).doesNotContainPattern("(?i)<script[^>]+src").doesNotContainPattern("(?i)<link")
        .doesNotContain("http://").doesNotContain("https://");
    // data is placed with textContent, never parsed as markup
    assertThat(html).contains(".textContent");
    assertThat(html).doesNotContain("innerHTML").doesNotContain("outerHTML")
        .doesNotContain("insertAdjacentHTML").doesNotContain("document.write").doesNotContain("eval(");
    String csp = page.headers().firstValue("content-security-policy").orElseThrow();
    assertThat(csp).contains("default-src 'none'").contains("script-src 'sha256-")
        .contains("connect-src 'self'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
    assertThat(page.headers().firstValue("x-content-type-options")).hasValue("nosniff");
    // the hostile subject reaches the page only as JSON data, served as JSON with nosniff
    var api = get(port, "/api/findings");
    assertThat(api.headers().firstValue("x-content-type-options")).hasValue("nosniff");
    assertThat(WireJson.mapper().readTree(api.body()).at("/findings/1/subject").asText())
        .isEqualTo(XSS_SUBJECT);
    assertThat(html).doesNotContain("onerror");
    // the sensor table shows the busiest names of each sensor's last summary
    assertThat(html).contains("<th>busiest names</th>").contains("top_names");
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrder() throws Exception {
    StringBuilder requests = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      requests.append("GET /api/findings HTTP/1.1\r\nHost: x\r\n\r\n");
      requests.append("GET /nothing-").append(i).append(" HTTP/1.1\r\nHost: x\r\n\r\n");
    }
    requests.append("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    String answers = rawUntilClosed(requests.toString());
    java.util.List<String> statuses = new java.util.ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("HTTP/1.1 (\\d{3})").matcher(answers);
    while (m.find()) {
      statuses.add(m.group(1));
    }
    assertThat(statuses).containsExactly(
        "200", "404", "200", "404", "200", "404", "200", "404", "200", "404", "200");
  }

  private String rawUntilClosed(String request) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  private String raw(String request) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[512];
      int n = in.read(buffer);
      return n <= 0 ? "" : new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
    }
  }
}
