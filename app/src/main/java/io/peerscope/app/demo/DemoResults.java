package io.peerscope.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peerscope.agent.AgentReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the demo prints, read back from the collector's API after the agent finished: the
 * findings, the DNS counters of the sensor's status and the busiest names of its last summary
 * (both crossed MQTT into the database like everything else).
 */
public final class DemoResults {
  /** The collector stores asynchronously: wait for it, but never longer than this. */
  static final long WAIT_MILLIS = 30_000;

  /** How many of the last summary's busiest names the demo prints. */
  static final int BUSIEST_SHOWN = 5;

  private static final String[][] DNS_COUNTERS = {
    {"dns.transactions", "transactions"},
    {"dns.queries", "queries"},
    {"dns.responses", "responses"},
    {"dns.unanswered", "unanswered queries"},
    {"dns.unsolicited", "responses never asked for"},
    {"capture.frames", "frames captured"},
  };

  private final JsonNode findings;
  private final JsonNode sensor;
  private final boolean complete;
  private final int expectedFindings;

  private DemoResults(JsonNode findings, JsonNode sensor, boolean complete, int expectedFindings) {
    this.findings = findings;
    this.sensor = sensor;
    this.complete = complete;
    this.expectedFindings = expectedFindings;
  }

  /**
   * Polls the API until it serves every finding the agent logged and the sensor's final
   * counters, or until {@link #WAIT_MILLIS}.
   */
  public static DemoResults await(CollectorApi api, String sensorId, AgentReport report, Path logs)
      throws IOException, InterruptedException {
    int expected = distinctFindingIds(logs.resolve("findings.jsonl"));
    long transactions = report.counter("dns.transactions");
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    while (true) {
      JsonNode findings = api.findings(sensorId);
      JsonNode sensor = api.sensor(sensorId);
      boolean done =
          findings.size() >= expected
              && sensor.path("counters").path("dns.transactions").asLong(-1) == transactions
              && sensor.path("summary").isObject();
      if (done || System.currentTimeMillis() > deadline) {
        return new DemoResults(findings, sensor, done, expected);
      }
      Thread.sleep(200);
    }
  }

  public JsonNode findings() {
    return findings;
  }

  public JsonNode sensor() {
    return sensor;
  }

  public boolean complete() {
    return complete;
  }

  public String render() {
    StringBuilder sb = new StringBuilder();
    sb.append("Findings served by the collector's API (").append(findings.size()).append("):\n");
    TextTable t = new TextTable(new String[] {"KIND", "SEVERITY", "SUBJECT", "SUMMARY"}, new int[] {28, 8, 40, 100});
    for (JsonNode f : findings) {
      t.row(f.path("kind").asText(), f.path("severity").asText(), f.path("subject").asText(), f.path("summary").asText());
    }
    sb.append(t.size() == 0 ? "  none in this capture\n" : t.render());
    sb.append('\n');

    JsonNode counters = sensor.path("counters");
    sb.append("DNS results of sensor \"")
        .append(TextTable.safe(sensor.path("id").asText("?")))
        .append("\" served by the collector's API (state ")
        .append(TextTable.safe(sensor.path("state").asText("unknown")))
        .append(", last seen ")
        .append(TextTable.safe(sensor.path("last_seen").asText("-")))
        .append("):\n");
    TextTable d = new TextTable(new String[] {"COUNTER", "VALUE"}, new int[] {0, 0});
    for (String[] c : DNS_COUNTERS) {
      d.row(c[1], counters.path(c[0]).asLong(0));
    }
    Map<String, Long> rcodes = byPrefix(counters, "dns.rcode.");
    rcodes.forEach((name, n) -> {
      if (n > 0) {
        d.row("answered " + name, n);
      }
    });
    long errors = byPrefix(counters, "dns.parse_errors.").values().stream().mapToLong(Long::longValue).sum();
    d.row("DNS parse errors", errors);
    sb.append(d.render());
    sb.append('\n');
    renderBusiestNames(sb, sensor.path("summary"));
    if (!complete) {
      sb.append("(the collector had not stored everything after ")
          .append(WAIT_MILLIS / 1000)
          .append(" s: ")
          .append(findings.size())
          .append(" of ")
          .append(expectedFindings)
          .append(" findings)\n");
    }
    return sb.toString();
  }

  /** The busiest names of the sensor's last summary window, as the collector serves them. */
  private static void renderBusiestNames(StringBuilder sb, JsonNode summary) {
    sb.append("Busiest names in the sensor's last summary (")
        .append(TextTable.safe(summary.path("window_start").asText("-")))
        .append(" to ")
        .append(TextTable.safe(summary.path("window_end").asText("-")))
        .append("):\n");
    TextTable t = new TextTable(new String[] {"NAME", "LOOKUPS", "RCODE"}, new int[] {60, 0, 0});
    for (JsonNode n : summary.path("highlights").path("top_names")) {
      if (t.size() == BUSIEST_SHOWN) {
        break;
      }
      t.row(n.path("name").asText(), n.path("count").asLong(), n.path("rcode").asText(""));
    }
    sb.append(t.size() == 0 ? "  none\n" : t.render());
  }

  private static Map<String, Long> byPrefix(JsonNode counters, String prefix) {
    Map<String, Long> out = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = counters.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().startsWith(prefix)) {
        out.put(e.getKey().substring(prefix.length()), e.getValue().asLong());
      }
    }
    return out;
  }

  static int distinctFindingIds(Path findingsLog) throws IOException {
    if (!Files.exists(findingsLog)) {
      return 0;
    }
    ObjectMapper json = new ObjectMapper();
    Set<String> ids = new HashSet<>();
    try (BufferedReader r = Files.newBufferedReader(findingsLog)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.isBlank()) {
          ids.add(json.readTree(line).path("id").asText());
        }
      }
    }
    return ids.size();
  }
}
