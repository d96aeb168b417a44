package io.peerscope.agent.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.decode.IpAddress;
import io.peerscope.agent.metrics.Counters;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/**
 * The table reuses the pending state of answered and expired queries: every line must still carry
 * its own query's values, and a chain of retransmissions must stay findable after its head's state
 * went back for reuse.
 */
class PendingQueryReuseTest {
  private static final IpAddress SERVER = IpAddress.parse("198.51.100.53");

  private final Counters counters = new Counters();
  private final List<DnsTransaction> lines = new ArrayList<>();
  private final DnsTransactionTable table = new DnsTransactionTable(counters, DnsLimits.DEFAULTS);

  {
    table.addListener(lines::add);
  }

  private void send(long ts, IpAddress src, int sport, IpAddress dst, int dport, byte[] msg) {
    table.onMessage(ts, src.hi(), src.lo(), sport, dst.hi(), dst.lo(), dport, false, msg, 0, msg.length);
  }

  @Test
  void interleavedTransactionsEachKeepTheirOwnNameClientAndRtt() {
    // ten clients with a query in flight each, answered out of order, a thousand times over
    for (int round = 0; round < 100; round++) {
      long base = round * 1_000_000L;
      for (int c = 0; c < 10; c++) {
        IpAddress client = IpAddress.ofV4(0xc000_0200 | c);
        send(base + c, client, 1000 + c, SERVER, 53, DnsTestMessages.query(round * 10 + c, "n" + round + "-" + c + ".example", Type.A));
      }
      for (int c = 9; c >= 0; c--) {
        IpAddress client = IpAddress.ofV4(0xc000_0200 | c);
        send(base + 100 + c, SERVER, 53, client, 1000 + c,
            DnsTestMessages.aResponse(round * 10 + c, "n" + round + "-" + c + ".example", "192.0.2." + (c + 1)));
      }
    }
    assertThat(lines).hasSize(1000);
    assertThat(table.pending()).isZero();
    for (DnsTransaction t : lines) {
      int round = (int) (t.tsMicros() / 1_000_000L);
      int c = (int) (t.tsMicros() % 1_000_000L);
      assertThat(t.query()).isEqualTo("n" + round + "-" + c + ".example");
      assertThat(t.client()).isEqualTo(IpAddress.ofV4(0xc000_0200 | c));
      assertThat(t.clientPort()).isEqualTo(1000 + c);
      assertThat(t.transId()).isEqualTo(round * 10 + c);
      assertThat(t.rttMicros()).isEqualTo(100L);
      assertThat(t.answers()).containsExactly("192.0.2." + (c + 1));
      assertThat(t.hasQuery()).isTrue();
    }
  }

  @Test
  void aRetransmissionChainOutlivesItsAnsweredHead() {
    IpAddress client = IpAddress.parse("192.0.2.10");
    byte[] q = DnsTestMessages.query(42, "retry.example", Type.A);
    send(0, client, 5000, SERVER, 53, q);
    send(10, client, 5000, SERVER, 53, q);
    send(20, client, 5000, SERVER, 53, q);
    byte[] r = DnsTestMessages.aResponse(42, "retry.example", "192.0.2.3");
    send(30, SERVER, 53, client, 5000, r); // answers the first; its state goes back for reuse
    // a new query reuses that state with another key; the chain's remaining two must be unaffected
    send(40, client, 6000, SERVER, 53, DnsTestMessages.query(7, "other.example", Type.A));
    send(50, SERVER, 53, client, 5000, r);
    send(60, SERVER, 53, client, 5000, r);
    send(70, SERVER, 53, client, 6000, DnsTestMessages.aResponse(7, "other.example", "192.0.2.4"));

    assertThat(lines).extracting(DnsTransaction::tsMicros).containsExactly(0L, 10L, 20L, 40L);
    assertThat(lines).extracting(DnsTransaction::rttMicros).containsExactly(30L, 40L, 40L, 30L);
    assertThat(lines).extracting(DnsTransaction::query)
        .containsExactly("retry.example", "retry.example", "retry.example", "other.example");
    assertThat(counters.get("dns.unsolicited")).isZero();
    assertThat(table.pending()).isZero();
  }

  @Test
  void expiredQueriesAreReusedWithoutLeakingIntoLaterLines() {
    IpAddress client = IpAddress.parse("192.0.2.10");
    send(0, client, 7000, SERVER, 53, DnsTestMessages.query(1, "lost.example", Type.A));
    table.onTick(DnsLimits.DEFAULTS.queryTimeoutMicros() + 1);
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0).hasResponse()).isFalse();
    send(50_000_000, client, 7001, SERVER, 53, DnsTestMessages.query(2, "found.example", Type.AAAA));
    send(50_000_010, SERVER, 53, client, 7001, DnsTestMessages.aResponse(2, "found.example", "192.0.2.5"));
    assertThat(lines).hasSize(2);
    DnsTransaction t = lines.get(1);
    assertThat(t.query()).isEqualTo("found.example");
    assertThat(t.qtype()).isEqualTo(Type.AAAA);
    assertThat(t.clientPort()).isEqualTo(7001);
    assertThat(t.rttMicros()).isEqualTo(10L);
    assertThat(lines.get(0).query()).isEqualTo("lost.example");
  }
}
