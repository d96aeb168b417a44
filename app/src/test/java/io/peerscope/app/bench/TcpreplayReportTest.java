package io.peerscope.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TcpreplayReportTest {
  /** tcpreplay 4.4.3 (Debian 12) after {@code --pps=1000 --limit=20} onto a veth. */
  private static final String TWENTY_PACKETS_AT_1000_PPS =
      """
      Actual: 20 packets (1796 bytes) sent in 0.019005 seconds
      Rated: 94501.4 Bps, 0.756 Mbps, 1052.35 pps
      Flows: 20 flows, 1052.35 fps, 20 unique flow packets, 0 unique non-flow packets
      Statistics for network device: vx0
      \tSuccessful packets:        20
      \tFailed packets:            0
      \tTruncated packets:         0
      \tRetried packets (ENOBUFS): 0
      \tRetried packets (EAGAIN):  0
      """;

  @Test
  void summaryGivesSentFailedAndDuration() {
    TcpreplayReport r = TcpreplayReport.parse(TWENTY_PACKETS_AT_1000_PPS);
    assertThat(r.sent()).isEqualTo(20);
    assertThat(r.failed()).isZero();
    assertThat(r.seconds()).isEqualTo(0.019005);
  }

  @Test
  void wholeSecondsWithoutFractionAreRead() {
    String out = TWENTY_PACKETS_AT_1000_PPS.replace("0.019005 seconds", "2 seconds").replace("Failed packets:            0", "Failed packets:            3");
    TcpreplayReport r = TcpreplayReport.parse(out);
    assertThat(r.seconds()).isEqualTo(2.0);
    assertThat(r.failed()).isEqualTo(3);
  }

  @Test
  void anErrorMessageInsteadOfASummaryIsNamed() {
    assertThatThrownBy(() -> TcpreplayReport.parse("Fatal Error: failed to open device psqb-tx: No such device"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("successful packets")
        .hasMessageContaining("No such device");
  }
}
