package io.peerscope.agent.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.decode.IpAddress;
import io.peerscope.agent.metrics.Counters;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

class DnsTransactionTableTest {
  static final IpAddress CLIENT = IpAddress.parse("192.0.2.10");
  static final IpAddress SERVER = IpAddress.parse("198.51.100.53");
  static final IpAddress MDNS_V4 = IpAddress.parse("224.0.0.251");
  static final IpAddress MDNS_V6 = IpAddress.parse("ff02::fb");
  static final IpAddress LINK_LOCAL = IpAddress.parse("fe80::1");

  private final Counters counters = new Counters();
  private final List<DnsTransaction> lines = new ArrayList<>();

  private DnsTransactionTable table(DnsLimits limits) {
    DnsTransactionTable t = new DnsTransactionTable(counters, limits);
    t.addListener(lines::add);
    return t;
  }

  private static void send(DnsTransactionTable t, long ts, IpAddress src, int sport, IpAddress dst, int dport, byte[] msg) {
    t.onMessage(ts, src.hi(), src.lo(), sport, dst.hi(), dst.lo(), dport, false, msg, 0, msg.length);
  }

  @Test
  void queryAndResponseMakeOneLineWithRtt() {
    DnsTransactionTable t = table(DnsLimits.DEFAULTS);
    send(t, 1_000_000, CLIENT, 40000, SERVER, 53, DnsTestMessages.query(77, "www.example.com", Type.A));
    assertThat(lines).isEmpty();
    assertThat(t.pending()).isEqualTo(1);
    send(t, 1_012_345, SERVER, 53, CLIENT, 40000, DnsTestMessages.aResponse(77, "www.example.com", "192.0.2.99"));
    assertThat(t.pending()).isZero();
    assertThat(lines).hasSize(1);
    DnsTransaction x = lines.get(0);
    assertThat(x.tsMicros()).isEqualTo(1_000_000);
    assertThat(x.client()).isEqualTo(CLIENT);
    assertThat(x.clientPort()).isEqualTo(40000);
    assertThat(x.server()).isEqualTo(SERVER);
    assertThat(x.serverPort()).isEqualTo(53);
    assertThat(x.proto()).isEqualTo("udp");
    assertThat(x.transId()).isEqualTo(77);
    assertThat(x.rttMicros()).isEqualTo(12_345L);
    assertThat(x.query()).isEqualTo("www.example.com");
    assertThat(x.qtype()).isEqualTo(Type.A);
    assertThat(x.qtypeName()).isEqualTo("A");
    assertThat(x.qclass()).isEqualTo(1);
    assertThat(x.rcode()).isZero();
    assertThat(x.rcodeName()).isEqualTo("NOERROR");
    assertThat(x.rd()).isTrue();
    assertThat(x.ra()).isTrue();
    assertThat(x.answers()).containsExactly("192.0.2.99");
    assertThat(x.ttls()).containsExactly(300L);
    assertThat(x.hasQuery()).isTrue();
    assertThat(x.hasResponse()).isTrue();
    assertThat(counters.get("dns.queries")).isEqualTo(1);
    assertThat(counters.get("dns.responses")).isEqualTo(1);
    assertThat(counters.get("dns.transactions")).isEqualTo(1);
  }

  @Test
  void responseSeenFirstIsOrientedByItsQrBit() {
    // Zeek's "flip" trace: both ports are 53, the response is the first packet
    DnsTransactionTable t = table(DnsLimits.DEFAULTS);
    send(t, 5, SERVER, 53, CLIENT, 53, DnsTestMessages.aResponse(9, "a.example", "192.0.2.1"));
    assertThat(lines).hasSize(1);
    DnsTransaction x = lines.get(0);
    assertThat(x.client()).isEqualTo(CLIENT);
    assertThat(x.server()).isEqualTo(SERVER);
    assertThat(x.rttMicros()).isNull();
    assertThat(x.hasQuery()).isFalse();
    assertThat(x.query()).isEqualTo("a.example");
    assertThat(counters.get("dns.unsolicited")).isEqualTo(1);
  }

  @Test
  void aDuplicateResponseGetsItsOwnLine() {
    DnsTransactionTable t = table(DnsLimits.DEFAULTS);
    send(t, 0, CLIENT, 1234, SERVER, 53, DnsTestMessages.query(5, "b.example", Type.A));
    send(t, 10, SERVER, 53, CLIENT, 1234, DnsTestMessages.aResponse(5, "b.example", "192.0.2.2"));
    send(t, 20, SERVER, 53, CLIENT, 1234, DnsTestMessages.aResponse(5, "b.example", "192.0.2.2"));
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).hasQuery()).isTrue();
    assertThat(lines.get(1).hasQuery()).isFalse();
    assertThat(lines.get(1).answers()).containsExactly("192.0.2.2");
  }

  @Test
  void aQueryNeverAnsweredIsLoggedAtTheTimeoutAndAtTheEnd() {
    DnsTransactionTable t = table(DnsLimits.DEFAULTS.withQueryTimeoutMicros(10_000_000));
    send(t, 1_000_000, CLIENT, 1, SERVER, 53, DnsTestMessages.query(1, "first.example", Type.A));
    send(t, 5_000_000, CLIENT, 2, SERVER, 53, DnsTestMessages.query(2, "second.example", Type.AAAA));
    t.onTick(10_999_999);
    assertThat(lines).isEmpty();
    t.onTick(11_000_000);
    assertThat(lines).extracting(DnsTransaction::query).containsExactly("first.example");
    assertThat(lines.get(0).hasResponse()).isFalse();
    assertThat(lines.get(0).rcode()).isNull();
    assertThat(lines.get(0).answers()).isEmpty();
    t.onEnd(12_000_000);
    assertThat(lines).extracting(DnsTransaction::query).containsExactly("first.example", "second.example");
    assertThat(t.pending()).isZero();
    assertThat(counters.get("dns.unanswered")).isEqualTo(2);
  }

  @Test
  void aRetransmittedQueryIsAnsweredOldestFirstAndTheOtherTimesOut() {
    DnsTransactionTable t = table(DnsLimits.DEFAULTS);
    byte[] q = DnsTestMessages.query(42, "retry.example", Type.A);
    send(t, 0, CLIENT, 5000, SERVER, 53, q);
    send(t, 1_000_000, CLIENT, 5000, SERVER, 53, q);
    send(t, 1_000_100, SERVER, 53, CLIENT, 5000, DnsTestMessages.aResponse(42, "retry.example", "192.0.2.3"));
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0).rttMicros()).isEqualTo(1_000_100L);
    t.onEnd(2_000_000);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1).tsMicros()).isEqualTo(1_000_000);
    assertThat(lines.get(1).hasResponse()).isFalse();
  }

  @Test
  void multicastDnsIsNeverCorrelated() {
    // Zeek's mdns-no-assoc trace: queries and unrelated replies to the group, all with id 0
    DnsTransactionTable t = table(DnsLimits.DEFAULTS);
    send(t, 1, CLIENT, 5353, MDNS_V4, 5353, DnsTestMessages.query(0, "initial-query-a.local", Type.A));
    send(t, 2, CLIENT, 5353, MDNS_V4, 5353, DnsTestMessages.aResponse(0, "unrelated-reply-a.local", "192.0.2.10"));
    send(t, 3, LINK_LOCAL, 5353, MDNS_V6, 5353, DnsTestMessages.query(0, "v6-initial.local", Type.AAAA));
    assertThat(lines).hasSize(3);
    assertThat(t.pending()).isZero();
    assertThat(lines).extracting(DnsTransaction::client).containsExactly(CLIENT, CLIENT, LINK_LOCAL);
    assertThat(lines).extracting(DnsTransaction::server).containsExactly(MDNS_V4, MDNS_V4, MDNS_V6);
    assertThat(lines.get(1).answers()).containsExactly("192.0.2.10");
    assertThat(lines.get(0).hasResponse()).isFalse();
  }

  @Test
  void aFloodOfUnansweredQueriesStaysAtTheCap() {
    DnsTransactionTable t = table(DnsLimits.DEFAULTS.withMaxPending(100));
    for (int i = 0; i < 10_000; i++) {
      send(t, i, CLIENT, 1024 + (i % 60000), SERVER, 53, DnsTestMessages.query(i & 0xffff, "q" + i + ".example", Type.A));
      assertThat(t.pending()).isLessThanOrEqualTo(100);
    }
    assertThat(t.pending()).isEqualTo(100);
    assertThat(counters.get("dns.pending_evicted")).isEqualTo(9_900);
    assertThat(lines).hasSize(9_900);
    assertThat(lines.get(0).query()).isEqualTo("q0.example"); // the oldest goes first
    assertThat(lines.get(9_899).query()).isEqualTo("q9899.example");
    // a response to a query still held is matched
    send(t, 20_000, SERVER, 53, CLIENT, 1024 + 9_999, DnsTestMessages.aResponse(9_999, "q9999.example", "192.0.2.4"));
    assertThat(lines.get(lines.size() - 1).hasQuery()).isTrue();
  }

  @Test
  void malformedMessagesAreCountedAndLeaveNoLine() {
    DnsTransactionTable t = table(DnsLimits.DEFAULTS);
    send(t, 1, CLIENT, 1, SERVER, 53, DnsHostileInputTest.MALFORMED_SELF_POINTER);
    send(t, 2, CLIENT, 1, SERVER, 53, new byte[5]);
    assertThat(lines).isEmpty();
    assertThat(counters.get("dns.parse_errors.pointer_forward")).isEqualTo(1);
    assertThat(counters.get("dns.parse_errors.truncated")).isEqualTo(1);
    assertThat(counters.get("dns.queries")).isZero();
  }

  @Test
  void multicastRangesAreRecognised() {
    assertThat(isMulticast("224.0.0.251")).isTrue();
    assertThat(isMulticast("239.255.255.250")).isTrue();
    assertThat(isMulticast("223.255.255.255")).isFalse();
    assertThat(isMulticast("240.0.0.1")).isFalse();
    assertThat(isMulticast("ff02::fb")).isTrue();
    assertThat(isMulticast("fe80::1")).isFalse();
    assertThat(isMulticast("::ffff:1.2.3.4")).isFalse();
  }

  private static boolean isMulticast(String a) {
    IpAddress ip = IpAddress.parse(a);
    return DnsTransactionTable.isMulticast(ip.hi(), ip.lo());
  }
}
