package io.peerscope.agent.dns.zeek;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.decode.IpAddress;
import io.peerscope.agent.dns.DnsTransaction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The comparison itself must see a difference when there is one. */
class ZeekDnsComparisonTest {
  private static Map<String, String> zeekLine(String answers, String ttls, String rd) {
    Map<String, String> z = new LinkedHashMap<>();
    z.put("id.orig_h", "10.0.0.1");
    z.put("id.orig_p", "5000");
    z.put("id.resp_h", "10.0.0.53");
    z.put("id.resp_p", "53");
    z.put("trans_id", "7");
    z.put("query", "www.example.com");
    z.put("qtype", "1");
    z.put("rcode", "0");
    z.put("AA", "F");
    z.put("RD", rd);
    z.put("RA", "T");
    z.put("answers", answers);
    z.put("TTLs", ttls);
    return z;
  }

  private static DnsTransaction ours(List<String> answers, List<Long> ttls) {
    return new DnsTransaction(0, IpAddress.parse("10.0.0.1"), 5000, IpAddress.parse("10.0.0.53"), 53, "udp", 7, 10L,
        "WWW.example.com", 1, 1, "A", 0, "NOERROR", false, false, true, true, 0, answers, ttls,
        answers.stream().map(a -> a.contains(".") && Character.isDigit(a.charAt(0)) ? 1 : 5).toList(), true, true);
  }

  @Test
  void agreementAndEachKindOfDifferenceAreSeen() {
    DnsTransaction t = ours(List.of("alias.example.com", "192.0.2.1"), List.of(60L, 30L));
    assertThat(new ZeekDnsComparison("f", List.of(t)).compare(zeekLine("192.0.2.1,alias.example.com", "30.000000,60.000000", "T")))
        .isEmpty();
    assertThat(new ZeekDnsComparison("f", List.of(t)).compare(zeekLine("192.0.2.2,alias.example.com", "30.000000,60.000000", "T")))
        .extracting(ZeekDnsConformanceTest.Disagreement::field).containsExactly("answers");
    assertThat(new ZeekDnsComparison("f", List.of(t)).compare(zeekLine("192.0.2.1,alias.example.com", "31.000000,60.000000", "F")))
        .extracting(ZeekDnsConformanceTest.Disagreement::field).containsExactly("RD", "TTLs");
    assertThat(new ZeekDnsComparison("f", List.of()).compare(zeekLine("192.0.2.1", "30.000000", "T")))
        .extracting(ZeekDnsConformanceTest.Disagreement::field).containsExactly("line");
  }
}
