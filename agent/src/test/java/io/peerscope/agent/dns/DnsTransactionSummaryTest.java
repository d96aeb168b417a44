package io.peerscope.agent.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerscope.agent.decode.IpAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What trackers read of a transaction's answers, taken once from its lists and kept by copies. */
class DnsTransactionSummaryTest {
  private static final IpAddress CLIENT = IpAddress.parse("10.0.0.7");
  private static final IpAddress SERVER = IpAddress.parse("192.0.2.53");

  private static DnsTransaction answered(List<String> answers, List<Long> ttls, List<Integer> types) {
    return new DnsTransaction(1_700_000_000_000_000L, CLIENT, 40_000, SERVER, 53, "udp", 7, 120L,
        "mail.example", 1, 1, "A", 0, "NOERROR", false, false, true, true, 0, answers, ttls, types,
        true, true);
  }

  @Test
  void addressesInAnswerOrderUpToTheCapTheLowestTtlAndSpf() {
    DnsTransaction t = answered(
        List.of("host.example", "192.0.2.1", "v=spf1 mx -all", "2001:db8::1", "192.0.2.2",
            "192.0.2.3", "192.0.2.4"),
        List.of(300L, 60L, 3600L, 120L, 30L, 90L, 45L),
        List.of(5, 1, 16, 28, 1, 1, 1));
    assertThat(t.answerCount()).isEqualTo(7);
    assertThat(t.addressCount()).isEqualTo(DnsTransaction.MAX_ADDRESSES);
    assertThat(List.of(t.address(0), t.address(1), t.address(2), t.address(3)))
        .containsExactly("192.0.2.1", "2001:db8::1", "192.0.2.2", "192.0.2.3");
    assertThatThrownBy(() -> t.address(4)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(t.minTtl()).isEqualTo(30);
    assertThat(t.spfAnswer()).isTrue();

    DnsTransaction copy = t.copy();
    assertThat(copy.addressCount()).isEqualTo(4);
    assertThat(copy.address(3)).isEqualTo("192.0.2.3");
    assertThat(copy.minTtl()).isEqualTo(30);
    assertThat(copy.spfAnswer()).isTrue();
    assertThat(copy.answerCount()).isEqualTo(7);
  }

  @Test
  void noAnswersGiveAnEmptySummaryAndARefilledInstanceForgetsTheLastOne() {
    DnsTransaction full = answered(List.of("192.0.2.1"), List.of(60L), List.of(1));
    DnsTransaction empty = answered(List.of(), List.of(), List.of());
    assertThat(empty.answerCount()).isZero();
    assertThat(empty.addressCount()).isZero();
    assertThat(empty.minTtl()).isEqualTo(-1);
    assertThat(empty.spfAnswer()).isFalse();

    DnsTransaction reused = full.copy();
    reused.fill(empty);
    assertThat(reused.addressCount()).isZero();
    assertThat(reused.minTtl()).isEqualTo(-1);
    DnsTransaction unanswered = new DnsTransaction(1L, CLIENT, 40_000, SERVER, 53, "udp", 7, null,
        "mail.example", 1, 1, "A", null, null, false, false, true, false, 0, null, null, null, true, false);
    assertThat(unanswered.answerCount()).isZero();
    assertThat(unanswered.addressCount()).isZero();
  }

  @Test
  void theQueryNameAndAddressesAreHashedAsTrackersKeyThem() {
    DnsTransaction t = answered(List.of("192.0.2.1", "2001:db8::1"), List.of(60L, 60L), List.of(1, 28));
    assertThat(t.queryHash()).isEqualTo(NameHash.of("mail.example"));
    assertThat(t.queryHasUpper()).isFalse();
    assertThat(t.addressHash(0)).isEqualTo(NameHash.of("192.0.2.1"));
    assertThat(t.addressHash(1)).isEqualTo(NameHash.of("2001:db8::1"));
    assertThatThrownBy(() -> t.addressHash(2)).isInstanceOf(IndexOutOfBoundsException.class);

    DnsTransaction mixed = new DnsTransaction(1L, CLIENT, 40_000, SERVER, 53, "udp", 7, null,
        "MaIl.ExAmPlE", 1, 1, "A", null, null, false, false, true, false, 0, null, null, null, true, false);
    assertThat(mixed.queryHash()).isEqualTo(t.queryHash());
    assertThat(mixed.queryHasUpper()).isTrue();
    DnsTransaction copy = mixed.copy();
    assertThat(copy.queryHash()).isEqualTo(t.queryHash());
    assertThat(copy.queryHasUpper()).isTrue();
  }

  @Test
  void theNameHashFoldsAsciiCaseOnly() {
    assertThat(NameHash.of("WWW.Example.ORG")).isEqualTo(NameHash.of("www.example.org"));
    assertThat(NameHash.of("www.example.org")).isNotEqualTo(NameHash.of("www.example.net"));
    // RFC 4343 folds ASCII only: an E with acute accent is not an e with one
    assertThat(NameHash.of("caf\u00c9.example")).isNotEqualTo(NameHash.of("caf\u00e9.example"));
    // a name that differs by a character past the last whole word of four
    assertThat(NameHash.of("abcd.x")).isNotEqualTo(NameHash.of("abcd.y"));
    assertThat(NameHash.hasUpper("a.Example")).isTrue();
    assertThat(NameHash.hasUpper("a.example-\u00c9")).isFalse();
  }
}
