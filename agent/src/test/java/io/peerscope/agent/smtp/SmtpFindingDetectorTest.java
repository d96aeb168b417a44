package io.peerscope.agent.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.decode.IpAddress;
import io.peerscope.agent.metrics.Counters;
import io.peerscope.agent.tcp.TcpConnection;
import io.peerscope.wire.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmtpFindingDetectorTest {
  private static final long MINUTE = 60_000_000L;
  private static final long T0 = 1_462_169_520_000_000L;

  private final Counters counters = new Counters();
  private final List<Finding> sent = new ArrayList<>();

  private static SmtpSessionSummary noStarttls(String server, int clientPort, long start) {
    TcpConnection c = new TcpConnection(IpAddress.parse("10.0.0.9"), clientPort, IpAddress.parse(server), 25);
    return new SmtpSessionSummary(c, start, start + 1_000_000, "mx ESMTP", List.of("mx", "SIZE"), List.of("SIZE"),
        "client", null, Map.of(), null, false, false, false, null, 1, null);
  }

  @Test
  void grownEvidenceIsResentAtABoundedRateAndOnceMoreAtTheEnd() {
    SmtpFindingDetector d = new SmtpFindingDetector("s", null, sent::add, counters, 100, 15 * MINUTE);
    for (int i = 0; i < 30; i++) { // a session a minute for half an hour
      d.onSessionEnd(noStarttls("10.0.0.25", 50_000 + i, T0 + i * MINUTE));
      d.onTick(T0 + i * MINUTE + 2_000_000);
    }
    assertThat(sent).hasSizeBetween(2, 3);
    d.onEnd(T0 + 31 * MINUTE);
    Finding last = sent.get(sent.size() - 1);
    assertThat(last.count()).isEqualTo(30);
    assertThat(sent).extracting(Finding::id).containsOnly(Finding.stableId("s", "smtp.starttls-missing", "10.0.0.25:25"));
    int before = sent.size();
    d.onEnd(T0 + 32 * MINUTE);
    assertThat(sent).hasSize(before); // nothing grew: nothing is sent again
  }

  @Test
  void serversKeptAreBoundedAndEvictionsCounted() {
    SmtpFindingDetector d = new SmtpFindingDetector("s", null, sent::add, counters, 3, 15 * MINUTE);
    for (int i = 0; i < 10; i++) {
      d.onSessionEnd(noStarttls("10.0.1." + i, 50_000, T0 + i));
    }
    assertThat(counters.get("smtp.posture_evicted")).isEqualTo(7);
    assertThat(sent).hasSize(10); // every server's first finding went out when it was seen
  }

  @Test
  void ipv6ServerSubjectIsBracketed() {
    SmtpFindingDetector d = new SmtpFindingDetector("s", null, sent::add, counters);
    d.onSessionEnd(noStarttls("2001:db8::25", 50_000, T0));
    assertThat(sent.get(0).subject()).isEqualTo("[2001:db8::25]:25");
  }
}
