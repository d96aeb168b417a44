package io.peerscope.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.metrics.Counters;
import io.peerscope.wire.Finding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FindingFanoutTest {
  private static final Finding EOL_SERVER =
      Finding.of(
          "demo",
          "smtp.eol-software",
          "high",
          "192.0.2.25:25",
          Instant.parse("2016-05-02T06:12:00Z"),
          Instant.parse("2016-05-02T06:12:00Z"),
          1,
          "192.0.2.25:25 runs an end-of-life mail server",
          Map.of());

  @Test
  void aThrowingSinkIsCountedAndTheOthersStillReceive() {
    Counters counters = new Counters();
    List<Finding> before = new ArrayList<>();
    List<Finding> after = new ArrayList<>();
    FindingSink broken =
        f -> {
          throw new IllegalStateException("disk full");
        };
    FindingFanout fanout = new FindingFanout(List.of(before::add, broken, after::add), counters);

    fanout.emit(EOL_SERVER);
    fanout.emit(EOL_SERVER);

    assertThat(before).containsExactly(EOL_SERVER, EOL_SERVER);
    assertThat(after).containsExactly(EOL_SERVER, EOL_SERVER);
    assertThat(counters.get("detect.sink_errors")).isEqualTo(2);
  }
}
