package io.peerscope.agent.track;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.decode.IpAddress;
import org.junit.jupiter.api.Test;

/** Query kinds (mail policy told apart), organisations by prefix, name normalisation. */
class NamesAndKindsTest {

  @Test
  void mailPolicyLookupsAreToldApartFromPlainTxt() {
    assertThat(QueryKind.of("_dmarc.example.com", 16, false)).isEqualTo(QueryKind.DMARC);
    assertThat(QueryKind.of("s1._domainkey.example.com", 16, false)).isEqualTo(QueryKind.DKIM);
    assertThat(QueryKind.of("example.com", 16, true)).isEqualTo(QueryKind.SPF);
    assertThat(QueryKind.of("example.com", 99, false)).isEqualTo(QueryKind.SPF);
    assertThat(QueryKind.of("example.com", 16, false)).isEqualTo(QueryKind.TXT);
    assertThat(QueryKind.of("example.com", 1, false)).isEqualTo(QueryKind.A);
    assertThat(QueryKind.of("example.com", 28, false)).isEqualTo(QueryKind.AAAA);
    assertThat(QueryKind.of("example.com", 15, false)).isEqualTo(QueryKind.MX);
    assertThat(QueryKind.of("example.com", 65, false)).isEqualTo(QueryKind.OTHER);
    assertThat(QueryKind.DKIM.isPolicy()).isTrue();
    assertThat(QueryKind.MX.isPolicy()).isFalse();
  }

  @Test
  void organisationsAreSlash24AndSlash48ByDefault() {
    Organisation org = new Organisation(24, 48);
    assertThat(org.label(IpAddress.parse("203.0.113.10"))).isEqualTo("203.0.113.0/24");
    assertThat(org.label(IpAddress.parse("2001:db8:aaaa:1::25"))).isEqualTo("2001:db8:aaaa::/48");
    IpAddress a = IpAddress.parse("203.0.113.10");
    IpAddress b = IpAddress.parse("203.0.113.250");
    assertThat(org.lo(a.hi(), a.lo())).isEqualTo(org.lo(b.hi(), b.lo()));
    Organisation wide = new Organisation(16, 32);
    assertThat(wide.label(IpAddress.parse("198.51.7.9"))).isEqualTo("198.51.0.0/16");
    assertThat(wide.label(IpAddress.parse("2001:db8:aaaa::1"))).isEqualTo("2001:db8::/32");
  }

  @Test
  void namesAreLowerCasedWithoutCopyingWhenAlreadyLower() {
    String lower = "mail1.example.com";
    assertThat(DnsNames.lower(lower)).isSameAs(lower);
    assertThat(DnsNames.lower("MaIl1.ExAmPlE.cOm")).isEqualTo(lower);
    assertThat(DnsNames.lower("caf\u00c9.example")).isEqualTo("caf\u00c9.example");
  }

  @Test
  void theLastGoodAnswerIsKeptAsItsAddressesAndJoinedOnDemand() {
    Outcomes o = new Outcomes();
    assertThat(o.lastGoodAddresses()).isEmpty();
    String[] two = {"198.51.100.1", "198.51.100.2", null, null};
    o.good(1, two, AddressHashes.of(two), 2);
    assertThat(o.lastGoodAddresses()).isEqualTo("198.51.100.1 198.51.100.2");
    String[] one = {"198.51.100.9", null, null, null};
    o.good(2, one, AddressHashes.of(one), 1);
    assertThat(o.lastGoodAddresses()).isEqualTo("198.51.100.9");
    o.good(3, new String[4], new long[4], 0); // an answer without addresses keeps the last that had some
    assertThat(o.lastGoodAddresses()).isEqualTo("198.51.100.9");
  }

  @Test
  void configurationRejectsNonsense() {
    TrackConfig d = TrackConfig.defaults();
    assertThat(d.budgetMb()).isEqualTo(128);
    assertThat(d.withBudgetMb(64).budgetBytes()).isEqualTo(64L << 20);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> d.withBudgetMb(1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("budget_mb");
  }
}
