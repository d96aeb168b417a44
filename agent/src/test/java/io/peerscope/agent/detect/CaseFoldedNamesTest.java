package io.peerscope.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.decode.IpAddress;
import io.peerscope.agent.metrics.Counters;
import io.peerscope.agent.track.AddressRecord;
import io.peerscope.agent.track.TrackConfig;
import org.junit.jupiter.api.Test;

/**
 * A name asked in random case (resolvers using 0x20 randomisation) is one name to the tracker:
 * the tables key it by the hash the DNS layer took of its case-folded form, and by its lower-case
 * text, so the three spellings below meet in one name, one pair and one address history.
 */
class CaseFoldedNamesTest {
  @Test
  void spellingsThatDifferInCaseOnlyAreOneNameOnePairAndOneAddressHistory() {
    DnsRelationships tracking =
        DnsRelationships.open("edge", TrackConfig.defaults(), new Counters(), f -> { }, null);
    long t0 = DetectorScenariosTest.T0;
    tracking.onTransaction(
        DetectorScenariosTest.answered(t0, "192.0.2.10", "Mail.Example.COM", "198.51.100.7"));
    tracking.onTransaction(
        DetectorScenariosTest.answered(t0 + 1_000_000, "192.0.2.10", "mail.example.com", "198.51.100.7"));
    tracking.onTransaction(
        DetectorScenariosTest.answered(t0 + 2_000_000, "192.0.2.11", "MAIL.EXAMPLE.COM", "198.51.100.7"));

    assertThat(tracking.state().sizes().names()).isEqualTo(1);
    assertThat(tracking.state().name("mail.example.com").queries()).isEqualTo(3);
    assertThat(tracking.state().pair(IpAddress.parse("192.0.2.10"), "mail.example.com").count())
        .isEqualTo(2);
    AddressRecord a = tracking.state().address("198.51.100.7");
    assertThat(a.names().size()).isEqualTo(1);
    assertThat(a.names().value(0)).isEqualTo("mail.example.com");
    assertThat(a.names().count(0)).isEqualTo(3);
  }
}
