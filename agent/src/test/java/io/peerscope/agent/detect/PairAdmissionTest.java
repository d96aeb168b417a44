package io.peerscope.agent.detect;

import static io.peerscope.agent.detect.DetectorScenariosTest.HOUR;
import static io.peerscope.agent.detect.DetectorScenariosTest.T0;
import static io.peerscope.agent.detect.DetectorScenariosTest.answered;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.decode.IpAddress;
import io.peerscope.agent.metrics.Counters;
import io.peerscope.agent.track.TrackConfig;
import org.junit.jupiter.api.Test;

/** Client-name pairs get a table entry from their second sighting, crediting the first. */
class PairAdmissionTest {
  private final Counters counters = new Counters();
  private final DnsRelationships tracking =
      DnsRelationships.open("edge", TrackConfig.defaults(), counters, f -> { }, null);

  @Test
  void aPairSeenOnceHasNoEntryAndASecondSightingCountsBoth() {
    IpAddress b = IpAddress.parse("192.0.2.2");
    tracking.onTransaction(answered(T0, "192.0.2.1", "x.example", "198.51.100.1"));
    tracking.onTransaction(answered(T0 + HOUR, "192.0.2.2", "x.example", "198.51.100.1"));
    assertThat(tracking.state().pair(b, "x.example")).isNull();

    tracking.onTransaction(answered(T0 + 3 * HOUR, "192.0.2.2", "X.example", "198.51.100.1"));
    var pair = tracking.state().pair(b, "x.example");
    assertThat(pair).isNotNull();
    assertThat(pair.count()).isEqualTo(2);
    assertThat(pair.firstSeen()).isEqualTo(T0 + HOUR);
    assertThat(pair.lastSeen()).isEqualTo(T0 + 3 * HOUR);
    assertThat(pair.gaps().size()).isEqualTo(1);
  }

  @Test
  void theFirstQuerierAskingAgainGetsItsPairAtOnce() {
    IpAddress a = IpAddress.parse("192.0.2.1");
    tracking.onTransaction(answered(T0, "192.0.2.1", "y.example", "198.51.100.1"));
    tracking.onTransaction(answered(T0 + HOUR, "192.0.2.1", "y.example", "198.51.100.1"));
    var pair = tracking.state().pair(a, "y.example");
    assertThat(pair.count()).isEqualTo(2);
    assertThat(pair.firstSeen()).isEqualTo(T0);
    assertThat(counters.get("track.pairs.first_sightings_displaced")).isZero();
  }
}
