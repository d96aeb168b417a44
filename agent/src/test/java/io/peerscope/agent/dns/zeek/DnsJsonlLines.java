package io.peerscope.agent.dns.zeek;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peerscope.agent.AgentLogs;
import io.peerscope.agent.dns.DnsTransaction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The fields of a dns.jsonl line that the Zeek comparison looks at, as one comparable string:
 * from the log the agent writes, and from the in-memory transactions the comparison uses.
 */
final class DnsJsonlLines {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DnsJsonlLines() {}

  /** Replays the trace through the whole agent with logs into dir; the lines of dns.jsonl. */
  static List<String> written(Path pcap, Path dir) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(AgentLogs.replay(pcap, dir).resolve("dns.jsonl"))) {
      JsonNode j = JSON.readTree(line);
      List<String> answers = new ArrayList<>();
      j.path("answers").forEach(a -> answers.add(a.asText()));
      List<String> ttls = new ArrayList<>();
      j.path("ttls").forEach(t -> ttls.add(t.asText()));
      out.add(line(j.path("client").asText(), j.path("client_port").asInt(), j.path("server").asText(),
          j.path("server_port").asInt(), j.path("trans_id").asInt(), text(j.get("query")), text(j.get("qtype")),
          text(j.get("rcode")), j.path("rd").asBoolean(), j.path("aa").asBoolean(), j.path("ra").asBoolean(),
          answers, ttls));
    }
    return out;
  }

  static List<String> of(List<DnsTransaction> transactions) {
    List<String> out = new ArrayList<>();
    for (DnsTransaction t : transactions) {
      out.add(line(t.client().toString(), t.clientPort(), t.server().toString(), t.serverPort(), t.transId(),
          t.query(), t.qtype() == null ? null : t.qtype().toString(), t.rcode() == null ? null : t.rcode().toString(),
          t.rd(), t.aa(), t.ra(), t.answers(), t.ttls().stream().map(String::valueOf).toList()));
    }
    return out;
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }

  private static String line(String client, int clientPort, String server, int serverPort, int id, String query,
      String qtype, String rcode, boolean rd, boolean aa, boolean ra, List<String> answers, List<String> ttls) {
    return client + ":" + clientPort + " > " + server + ":" + serverPort + " #" + id + " " + query + " qtype=" + qtype
        + " rcode=" + rcode + " rd=" + rd + " aa=" + aa + " ra=" + ra + " answers=" + String.join(" | ", answers)
        + " ttls=" + ttls.stream().collect(Collectors.joining(","));
  }
}
