package io.peerscope.agent.track;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.decode.IpAddress;
import org.junit.jupiter.api.Test;

/** A pair record is its own key: equal to a lookup probe of the same client and name, both ways. */
class PairRecordKeyTest {

  @Test
  void aRecordAndAProbeOfTheSamePairAreEqualBothWaysAndHashAlike() {
    PairRecord record = new PairRecord(1, 2, "mail.example", 0);
    PairRecord probe = new PairRecord(9, 9, "", 0).probe(1, 2, new String("mail.example"));
    assertThat(record).isEqualTo(probe);
    assertThat(probe).isEqualTo(record);
    assertThat(record.hashCode()).isEqualTo(probe.hashCode());
    assertThat(record.key()).isSameAs(record);
  }

  @Test
  void anotherClientOrNameIsAnotherPair() {
    PairRecord record = new PairRecord(1, 2, "mail.example", 0);
    PairRecord probe = new PairRecord(0, 0, "", 0);
    assertThat(record).isNotEqualTo(probe.probe(1, 3, "mail.example"))
        .isNotEqualTo(probe.probe(0, 2, "mail.example"))
        .isNotEqualTo(probe.probe(1, 2, "mx.example"))
        .isEqualTo(probe.probe(1, 2, "mail.example"));
  }

  @Test
  void theTrackerFindsAPairRecordByItsClientAndName() {
    TrackerState state = new TrackerState(TrackConfig.defaults(), new io.peerscope.agent.metrics.Counters());
    IpAddress client = IpAddress.ofV4(0x0a00_0001);
    PairRecord p = state.newPair(client.hi(), client.lo(), "mail.example", 5);
    state.pairs.add(p, state.pairHash(client.hi(), client.lo(), state.nameHash("mail.example")));
    assertThat(state.pair(client, "Mail.Example")).isSameAs(p);
    assertThat(state.pair(IpAddress.ofV4(0x0a00_0002), "mail.example")).isNull();
  }
}
