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
  void everyLengthUpToTheCapRecursAndOneByteMakesAnotherName() {
    // the hash takes eight bytes at a time and the last eight overlapping: each length and each
    // position of a differing byte is covered
    for (int n = 0; n <= RecurringStrings.MAX_CHARS; n++) {
      byte[] b = new byte[n];
      java.util.Arrays.fill(b, (byte) 'a');
      String first = strings.of(b, n);
      assertThat(first).isEqualTo("a".repeat(n));
      assertThat(strings.of(b.clone(), n)).isSameAs(first);
      for (int at = 0; at < n; at++) {
        byte[] other = b.clone();
        other[at] = 'b';
        String o = strings.of(other, n);
        assertThat(o).isNotSameAs(first).isEqualTo(new String(other, java.nio.charset.StandardCharsets.ISO_8859_1));
      }
    }
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
  void dottedQuadsRecurAsOneStringSharedWithTheNamesAndNeverMixUp() {
    RecurringDottedQuads quads = new RecurringDottedQuads(strings);
    byte[] b = {0, 0, 0, 0, (byte) 192, 0, 2, 53, (byte) 255, (byte) 255, (byte) 255, (byte) 255, 10, 0, 0, 1};
    String zero = quads.of(b, 0);
    assertThat(zero).isEqualTo("0.0.0.0");
    assertThat(quads.of(b, 0)).isSameAs(zero);
    String resolver = quads.of(b, 4);
    assertThat(resolver).isEqualTo("192.0.2.53").isSameAs(quads.of(b.clone(), 4));
    // the text comes from the recurring strings: a name path rendering it meets the same String
    assertThat(strings.of(new StringBuilder("192.0.2.53"))).isSameAs(resolver);
    assertThat(quads.of(b, 8)).isEqualTo("255.255.255.255");
    assertThat(quads.of(b, 12)).isEqualTo("10.0.0.1");
    // every address, far more than the ways hold, each digit count in each position: its own text
    byte[] one = new byte[4];
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
    for (int i = 0; i < RecurringDottedQuads.SLOTS * 8; i++) {
      int v = i < 1024 ? (i % 4 == 0 ? 0 : i % 4 == 1 ? 9 : i % 4 == 2 ? 99 : 100) * 0x0101_0101 + i : rnd.nextInt();
      for (int k = 0; k < 4; k++) {
        one[k] = (byte) (v >>> (24 - 8 * k));
      }
      String expected = (one[0] & 0xff) + "." + (one[1] & 0xff) + "." + (one[2] & 0xff) + "." + (one[3] & 0xff);
      assertThat(quads.of(one, 0)).isEqualTo(expected);
      assertThat(quads.of(one, 0)).isEqualTo(expected);
    }
    assertThat(quads.of(b, 4)).isEqualTo("192.0.2.53");
  }

  @Test
  void ipAddressEqualityAndHashAreThoseOfItsTwoLongs() {
    IpAddress a = new IpAddress(0x2001_0db8_0000_0000L, 1);
    IpAddress b = new IpAddress(0x2001_0db8_0000_0000L, 1);
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(new IpAddress(0x2001_0db8_0000_0000L, 2));
    assertThat(a.hashCode()).isEqualTo(31 * Long.hashCode(a.hi()) + Long.hashCode(a.lo()));
    assertThat(a).isNotEqualTo("2001:db8::1");
  }

  @Test
  void plainNamesGoByBytesAndMeetTheSameStringsAsEscapedOnes() {
    byte[] name = {3, 'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0};
    StringBuilder sb = new StringBuilder();
    String a = DnsNames.toString(sb, strings, name, 0, name.length, 0);
    String b = DnsNames.toString(sb, strings, name, 0, name.length, 0);
    assertThat(a).isEqualTo("www.example").isSameAs(b);
    assertThat(a.hashCode()).isEqualTo("www.example".hashCode());
    assertThat(DnsNames.plainBytes(new byte[256], name, 0, name.length, 0)).isEqualTo(11);

    // bytes that need an escape take the builder path, and come out escaped as before
    byte[] odd = {3, 'a', '.', (byte) 0xff, 0};
    assertThat(DnsNames.plainBytes(new byte[256], odd, 0, odd.length, 0)).isEqualTo(-1);
    assertThat(DnsNames.toString(sb, strings, odd, 0, odd.length, 0)).isEqualTo("a\\.\\255");
    byte[] spaced = {3, 'a', ' ', 'b', 0};
    assertThat(DnsNames.toString(sb, strings, spaced, 0, spaced.length, 0)).isEqualTo("a\\032b");

    // a name first built by the builder is the same instance when found by bytes
    RecurringStrings fresh = new RecurringStrings();
    StringBuilder text = new StringBuilder("mail.example");
    String built = fresh.of(text);
    byte[] mail = {4, 'm', 'a', 'i', 'l', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0};
    String byBytes = DnsNames.toString(sb, fresh, mail, 0, mail.length, 0);
    assertThat(byBytes).isSameAs(built);
    assertThat(DnsNames.toString(sb, fresh, mail, 0, mail.length, 0)).isSameAs(byBytes);

    // a compressed name: the pointer is followed as append follows it
    byte[] msg = {7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0, 3, 'f', 'o', 'o', (byte) 0xc0, 0};
    assertThat(DnsNames.toString(sb, strings, msg, 0, msg.length, 9)).isEqualTo("foo.example");
  }
}
