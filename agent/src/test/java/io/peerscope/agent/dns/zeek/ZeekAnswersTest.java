package io.peerscope.agent.dns.zeek;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.LOCRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.NAPTRRecord;
import org.xbill.DNS.Type;

/** The normaliser must make equal what is equal and keep apart what is not. */
class ZeekAnswersTest {
  @Test
  void txtAndSpfStringsAreRecoveredByTheirLengths() {
    assertThat(ZeekAnswers.fromZeek("SPF 19 v=spf1 mx -all test")).isEqualTo(ZeekAnswers.fromProject(Type.SPF, "v=spf1 mx -all test"));
    assertThat(ZeekAnswers.fromZeek("TXT 3 abc TXT 2 de")).isEqualTo(ZeekAnswers.fromProject(Type.TXT, "abcde"));
    // a string that itself contains the decoration is still split by length, not by pattern
    assertThat(ZeekAnswers.fromZeek("TXT 9 a TXT 1 b")).isEqualTo("TXT:a TXT 1 b");
    assertThat(ZeekAnswers.fromZeek("TXT 3 abc")).isNotEqualTo(ZeekAnswers.fromProject(Type.SPF, "abc"));
  }

  @Test
  void dnssecSummariesCompareTheFieldsZeekKeeps() {
    String rrsig = "DNSKEY 5 2 455 20160603140000 20160504140000 11811 PayPal.com. AwEAAbase64==";
    assertThat(ZeekAnswers.fromZeek("RRSIG 48 paypal.com")).isEqualTo(ZeekAnswers.fromProject(Type.RRSIG, rrsig));
    assertThat(ZeekAnswers.fromZeek("RRSIG 1 paypal.com")).isNotEqualTo(ZeekAnswers.fromProject(Type.RRSIG, rrsig));
    assertThat(ZeekAnswers.fromZeek("DNSKEY 5")).isEqualTo(ZeekAnswers.fromProject(Type.DNSKEY, "257 3 5 AwEAAc=="));
    assertThat(ZeekAnswers.fromZeek("DNSKEY 8")).isNotEqualTo(ZeekAnswers.fromProject(Type.DNSKEY, "257 3 5 AwEAAc=="));
    assertThat(ZeekAnswers.fromZeek("NSEC3PARAM")).isEqualTo(ZeekAnswers.fromProject(Type.NSEC3PARAM, "1 0 10 ABCD"));
    assertThat(ZeekAnswers.fromZeek("NSEC a.example b.example"))
        .isEqualTo(ZeekAnswers.fromProject(Type.NSEC, "b.example. A RRSIG NSEC"));
  }

  @Test
  void sshfpComparesTheFingerprint() {
    assertThat(ZeekAnswers.fromZeek("SSHFP: a6b95f9eba1104a7272a362e8bfbcbebd5726dcf"))
        .isEqualTo(ZeekAnswers.fromProject(Type.SSHFP, "1 1 A6B95F9EBA1104A7272A362E8BFBCBEBD5726DCF"));
    assertThat(ZeekAnswers.fromZeek("SSHFP: a6b95f9eba1104a7272a362e8bfbcbebd5726dce"))
        .isNotEqualTo(ZeekAnswers.fromProject(Type.SSHFP, "1 1 A6B95F9EBA1104A7272A362E8BFBCBEBD5726DCF"));
  }

  @Test
  void locComparesSizeAndPrecisionsInCentimetres() throws Exception {
    // size 1 m, horizontal 1000 m, vertical 10 m: bytes 0x12, 0x15, 0x13 = 18, 21, 19
    LOCRecord loc = new LOCRecord(Name.fromString("x."), DClass.IN, 60, 37.5, -122.25, 10, 1, 1000, 10);
    assertThat(ZeekAnswers.fromZeek("LOC:  18 21 19")).isEqualTo(ZeekAnswers.fromProject(Type.LOC, loc.rdataToString()));
    assertThat(ZeekAnswers.fromZeek("LOC:  18 22 19")).isNotEqualTo(ZeekAnswers.fromProject(Type.LOC, loc.rdataToString()));
  }

  @Test
  void naptrComparesItsFieldsWithoutQuotes() throws Exception {
    NAPTRRecord n = new NAPTRRecord(Name.fromString("x."), DClass.IN, 60, 100, 100, "s", "SIPS+D2T", "",
        Name.fromString("_sips._tcp.example.goog."));
    assertThat(ZeekAnswers.fromZeek("NAPTR 100 100 s SIPS+D2T _sips._tcp.example.goog"))
        .isEqualTo(ZeekAnswers.fromProject(Type.NAPTR, n.rdataToString()));
  }

  @Test
  void addressesAndNamesCompareByValue() {
    assertThat(ZeekAnswers.fromZeek("fe80::200:deff:fead:beef"))
        .isEqualTo(ZeekAnswers.fromProject(Type.AAAA, "fe80:0:0:0:200:deff:fead:beef"));
    assertThat(ZeekAnswers.fromZeek("128.2.10.163")).isEqualTo(ZeekAnswers.fromProject(Type.A, "128.2.10.163"));
    assertThat(ZeekAnswers.fromZeek("www-cmu.andrew.cmu.edu")).isEqualTo(ZeekAnswers.fromProject(Type.CNAME, "WWW-CMU.andrew.cmu.edu"));
    assertThat(ZeekAnswers.fromZeek("ns1.example.org"))
        .isEqualTo(ZeekAnswers.fromProject(Type.SOA, "ns1.example.org. hostmaster.example.org. 1 2 3 4 5"));
    assertThat(ZeekAnswers.fromZeek("<unknown type=65280>")).isEqualTo(ZeekAnswers.fromProject(65280, "\\# 2 abcd"));
    assertThat(ZeekAnswers.fromZeek("128.2.10.164")).isNotEqualTo(ZeekAnswers.fromProject(Type.A, "128.2.10.163"));
  }

  @Test
  void zeekVectorsAreSplitAndUnescaped() {
    assertThat(ZeekLog.vector("a,b\\x2cc")).containsExactly("a", "b,c");
    assertThat(ZeekLog.vector("(empty)")).isEmpty();
    assertThat(ZeekLog.vector(null)).isEmpty();
  }
}
