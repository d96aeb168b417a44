package io.peerscope.agent.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.metrics.Counter;
import io.peerscope.agent.metrics.Counters;
import io.peerscope.wire.SensorSummary;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryWindowsTest {
  private static final long SECOND = 1_000_000L;
  private static final long T0 = Instant.parse("2016-05-02T06:12:10Z").getEpochSecond() * SECOND;

  private final Counters counters = new Counters();
  private final Counter transactions = counters.counter("dns.transactions");
  private final SummaryWindows windows =
      new SummaryWindows("pi-lab", 60, counters, () -> Map.of("busiest", "example.com"));

  @Test
  void aWindowClosesWhenCaptureTimePassesItsEndAndCarriesTheIncrements() {
    transactions.add(100); // before the first tick: not part of any window
    assertThat(windows.onTick(T0)).isNull();
    transactions.add(5);
    assertThat(windows.onTick(T0 + 49 * SECOND)).as("06:12:59 is still in the window").isNull();
    transactions.add(2);

    SensorSummary s = windows.onTick(T0 + 50 * SECOND);

    assertThat(s.windowStart()).isEqualTo(Instant.parse("2016-05-02T06:12:00Z"));
    assertThat(s.windowEnd()).isEqualTo(Instant.parse("2016-05-02T06:13:00Z"));
    assertThat(s.counters()).containsExactly(Map.entry("dns.transactions", 7L));
    assertThat(s.highlights()).containsEntry("busiest", "example.com");
    assertThat(s.sensor()).isEqualTo("pi-lab");
  }

  @Test
  void aLongGapGivesOneSummaryNotOnePerEmptyWindow() {
    windows.onTick(T0);
    transactions.inc();

    SensorSummary s = windows.onTick(T0 + 3 * 3600 * SECOND);
    assertThat(s.windowEnd()).isEqualTo(Instant.parse("2016-05-02T06:13:00Z"));
    assertThat(windows.onTick(T0 + 3 * 3600 * SECOND + SECOND)).isNull();

    transactions.add(3);
    SensorSummary last = windows.onEnd(T0 + 3 * 3600 * SECOND + 20 * SECOND);
    assertThat(last.windowStart()).isEqualTo(Instant.parse("2016-05-02T09:12:00Z"));
    assertThat(last.windowEnd()).isEqualTo(Instant.parse("2016-05-02T09:12:30Z"));
    assertThat(last.counters()).containsEntry("dns.transactions", 3L);
  }

  @Test
  void noTickNoSummary() {
    assertThat(windows.onEnd(T0)).isNull();
  }
}
