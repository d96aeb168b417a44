package io.peerscope.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.decode.IpAddress;
import io.peerscope.agent.dns.DnsTransaction;
import io.peerscope.agent.metrics.Counters;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryHighlightsTest {
  private static DnsTransaction tx(String name, int rcode, String rcodeName, List<String> answers) {
    return new DnsTransaction(1, IpAddress.parse("192.0.2.1"), 40000, IpAddress.parse("192.0.2.53"), 53, "udp",
        1, 100L, name, 1, 1, "A", rcode, rcodeName, false, false, true, true, 0, answers, List.of(60L),
        List.of(1), true, true);
  }

  @Test
  @SuppressWarnings("unchecked")
  void busiestNamesWithTheirLastAnswerThenAnEmptyWindow() {
    SummaryHighlights h = new SummaryHighlights(100, 2);
    for (int i = 0; i < 3; i++) {
      h.onTransaction(tx("a.example", 0, "NOERROR", List.of("198.51.100.1")));
    }
    h.onTransaction(tx("b.example", 3, "NXDOMAIN", List.of()));
    h.onTransaction(tx("b.example", 3, "NXDOMAIN", List.of()));
    h.onTransaction(tx("c.example", 0, "NOERROR", List.of("198.51.100.3")));

    Map<String, Object> w = h.takeWindow();
    List<Map<String, Object>> top = (List<Map<String, Object>>) w.get("top_names");
    assertThat(top).extracting(m -> m.get("name")).containsExactly("a.example", "b.example");
    assertThat(top.get(0)).containsEntry("count", 3L).containsEntry("answers", List.of("198.51.100.1"));
    assertThat(top.get(1)).containsEntry("rcode", "NXDOMAIN");
    assertThat(w.get("rcodes")).isEqualTo(Map.of("NOERROR", 4L, "NXDOMAIN", 2L));
    assertThat(w.get("distinct_names")).isEqualTo(3);

    Map<String, Object> next = h.takeWindow();
    assertThat((List<?>) next.get("top_names")).isEmpty();
    assertThat(next.get("distinct_names")).isEqualTo(0);
  }

  @Test
  void aFloodOfUniqueNamesStaysAtTheCap() {
    SummaryHighlights h = new SummaryHighlights(1000, 10);
    for (int i = 0; i < 50_000; i++) {
      h.onTransaction(tx("r" + i + ".flood.example", 3, "NXDOMAIN", List.of()));
    }
    Map<String, Object> w = h.takeWindow();
    assertThat(w.get("distinct_names")).isEqualTo(1000);
    assertThat(w.get("names_not_tracked")).isEqualTo(49_000L);
  }

  @Test
  void rcodeCountersOnlyForAssignedCodes() {
    Counters c = new Counters();
    RcodeCounters rc = new RcodeCounters(c);
    rc.onTransaction(tx("a.example", 3, "NXDOMAIN", List.of()));
    rc.onTransaction(tx("a.example", 4095, "RESERVED4095", List.of()));
    assertThat(c.get("dns.rcode.NXDOMAIN")).isEqualTo(1);
    assertThat(c.get("dns.rcode.other")).isEqualTo(1);
    assertThat(c.snapshot().keySet()).noneMatch(k -> k.contains("4095"));
  }
}
