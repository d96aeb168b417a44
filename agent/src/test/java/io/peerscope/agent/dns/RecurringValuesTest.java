package io.peerscope.agent.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.decode.IpAddress;
import org.junit.jupiter.api.Test;

/** The bounded caches of recurring names and addresses: same text, same instance; never a wrong value. */
class RecurringValuesTest {
  private final RecurringStrings strings = new RecurringStrings();
  private final RecurringAddresses addresses = new RecurringAddresses();

  @Test
  void aNameSeenAgainIsTheSameInstanceWithItsText() {
    String first = strings.of(new StringBuilder("www.example.com"));
    String again = strings.of(new StringBuilder("www.example.com"));
    assertThat(again).isSameAs(first).isEqualTo("www.example.com");
  }

  @Test
  void namesSharingASlotEachGetTheirOwnText() {
    // "Aa" and "BB" have the same String.hashCode, hence the same slot: the text decides
    String aa = strings.of(new StringBuilder("Aa"));
    String bb = strings.of(new StringBuilder("BB"));
    assertThat(aa).isEqualTo("Aa");
    assertThat(bb).isEqualTo("BB");
    assertThat(strings.of(new StringBuilder("Aa"))).isEqualTo("Aa");
  }

  @Test
  void escapedAndNonAsciiTextComesBackExactly() {
    String odd = "caf\u00e9.\\000x\\.y.\u4e2d\u6587";
    assertThat(strings.of(new StringBuilder(odd))).isEqualTo(odd);
    assertThat(strings.of(new StringBuilder(odd))).isEqualTo(odd);
    assertThat(strings.of(new StringBuilder(""))).isEmpty();
  }

  @Test
  void textLongerThanTheCapIsCopiedEveryTime() {
    String longName = "a".repeat(RecurringStrings.MAX_CHARS + 1);
    String one = strings.of(new StringBuilder(longName));
    String two = strings.of(new StringBuilder(longName));
    assertThat(one).isEqualTo(longName).isNotSameAs(two);
    assertThat(two).isEqualTo(longName);
  }

  @Test
  void moreNamesThanSlotsStillGiveTheirOwnText() {
    for (int i = 0; i < RecurringStrings.SLOTS * 3; i++) {
      assertThat(strings.of(new StringBuilder("host" + i + ".example"))).isEqualTo("host" + i + ".example");
    }
  }

  @Test
  void addressesRecurAsOneValueAndNeverMixUp() {
    IpAddress a = addresses.of(0, 0x0000_ffff_c000_0235L);
    assertThat(addresses.of(0, 0x0000_ffff_c000_0235L)).isSameAs(a).isEqualTo(IpAddress.parse("192.0.2.53"));
    for (int i = 0; i < RecurringAddresses.SLOTS * 3; i++) {
      IpAddress v4 = IpAddress.ofV4(0x0a00_0000 | i);
      assertThat(addresses.of(v4.hi(), v4.lo())).isEqualTo(v4);
      IpAddress v6 = new IpAddress(0x2001_0db8_0000_0000L | i, i);
      assertThat(addresses.of(v6.hi(), v6.lo())).isEqualTo(v6);
    }
  }

  @Test
  void ipAddressEqualityAndHashAreThoseOfItsTwoLongs() {
    IpAddress a = new IpAddress(0x2001_0db8_0000_0000L, 1);
    IpAddress b = new IpAddress(0x2001_0db8_0000_0000L, 1);
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(new IpAddress(0x2001_0db8_0000_0000L, 2));
    assertThat(a.hashCode()).isEqualTo(31 * Long.hashCode(a.hi()) + Long.hashCode(a.lo()));
    assertThat(a).isNotEqualTo("2001:db8::1");
  }
}
