package io.peerscope.agent.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerscope.agent.capture.ClockListener;
import io.peerscope.agent.decode.IpAddress;
import io.peerscope.agent.metrics.Counters;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pipeline-to-tracker ring: transactions and time in the pipeline's order, nothing lost. */
class DnsTransactionHandoffTest {
  private static final IpAddress CLIENT = IpAddress.parse("10.0.0.7");
  private static final IpAddress SERVER = IpAddress.parse("192.0.2.53");

  /** Writes down what reaches it; slow on purpose now and then, so the ring fills. */
  private static final class Recorder implements DnsTransactionListener, ClockListener {
    final List<String> seen = new ArrayList<>();
    final List<DnsTransaction> kept = new ArrayList<>();
    final boolean retains;
    String failOn;

    Recorder(boolean retains) {
      this.retains = retains;
    }

    @Override
    public boolean retainsTransactions() {
      return retains;
    }

    @Override
    public void onTransaction(DnsTransaction t) {
      if (t.query().equals(failOn)) {
        throw new IllegalStateException("boom on " + failOn);
      }
      seen.add("tx " + t.transId() + " " + t.query() + " " + t.tsMicros() + " " + t.answers());
      if (retains) {
        kept.add(t);
      }
      if (t.transId() % 100 == 0) {
        long until = System.nanoTime() + 200_000;
        while (System.nanoTime() < until) {
          Thread.onSpinWait();
        }
      }
    }

    @Override
    public void onTick(long nowMicros) {
      seen.add("tick " + nowMicros);
    }

    @Override
    public void onEnd(long nowMicros) {
      seen.add("end " + nowMicros);
    }
  }

  private static DnsTransaction answered(int id, String name, long ts) {
    return new DnsTransaction(ts, CLIENT, 40_000, SERVER, 53, "udp", id, 120L, name, 1, 1, "A", 0,
        "NOERROR", false, false, true, true, 0, List.of("203.0.113." + (id & 0xff)), List.of(300L),
        List.of(1), true, true);
  }

  @Test
  void transactionsAndTicksArriveInTheirOrderThoughTheProducerRefillsOneInstance() {
    Counters counters = new Counters();
    Recorder r = new Recorder(false);
    DnsTransactionHandoff<Recorder> h = new DnsTransactionHandoff<>(r, counters, 4);
    DnsTransaction reused = new DnsTransaction();
    List<String> sent = new ArrayList<>();
    for (int i = 1; i <= 5_000; i++) {
      long ts = 1_000L * i;
      reused.fill(answered(i, "host" + i + ".example", ts));
      h.onTransaction(reused);
      sent.add("tx " + i + " host" + i + ".example " + ts + " [203.0.113." + (i & 0xff) + "]");
      if (i % 7 == 0) {
        h.onTick(ts);
        sent.add("tick " + ts);
      }
    }
    h.onEnd(9_999_000);
    sent.add("end 9999000");
    // onEnd returned: the listener has seen everything, its end included
    assertThat(r.seen).isEqualTo(sent);
    assertThat(h.queued()).isZero();
    assertThat(counters.get("track.handoff_waits")).isPositive();
    assertThat(h.consumerAlive()).isFalse();
  }

  /** What a listener of the table sees: the line's text and the instance it came in. */
  private static final class Witness implements DnsTransactionListener {
    final List<String> lines = new ArrayList<>();
    final List<DnsTransaction> instances = new ArrayList<>();
    final boolean retains;

    Witness(boolean retains) {
      this.retains = retains;
    }

    @Override
    public boolean retainsTransactions() {
      return retains;
    }

    @Override
    public void onTransaction(DnsTransaction t) {
      synchronized (this) {
        lines.add(t.transId() + " " + t.query() + " " + t.tsMicros() + " " + t.rttMicros() + " "
            + t.answers() + " " + t.addressCount() + " " + (t.addressCount() > 0 ? t.address(0) : "-"));
        instances.add(t);
      }
    }
  }

  /** The table in front of the ring, fed query and response messages; a witness before the ring. */
  private static List<List<String>> throughATable(boolean oneListenerRetains) throws Exception {
    Counters counters = new Counters();
    DnsTransactionTable table = new DnsTransactionTable(counters, DnsLimits.DEFAULTS);
    Witness before = new Witness(oneListenerRetains);
    Witness behind = new Witness(false);
    final class Behind implements DnsTransactionListener, ClockListener {
      @Override
      public boolean retainsTransactions() {
        return false;
      }

      @Override
      public void onTransaction(DnsTransaction t) {
        behind.onTransaction(t);
      }

      @Override
      public void onTick(long nowMicros) {}

      @Override
      public void onEnd(long nowMicros) {}
    }
    DnsTransactionHandoff<Behind> h = new DnsTransactionHandoff<>(new Behind(), counters, 4);
    table.addListener(before);
    table.addListener(h);
    for (int i = 1; i <= 3_000; i++) {
      long ts = 1_000L * i;
      String name = "host" + i + ".example";
      byte[] q = DnsTestMessages.query(i, name, org.xbill.DNS.Type.A);
      byte[] r = DnsTestMessages.aResponse(i, name, "203.0.113." + (i & 0xff));
      table.onMessage(ts, CLIENT.hi(), CLIENT.lo(), 40_000, SERVER.hi(), SERVER.lo(), 53, false, q, 0, q.length);
      table.onMessage(ts + 7, SERVER.hi(), SERVER.lo(), 53, CLIENT.hi(), CLIENT.lo(), 40_000, false, r, 0, r.length);
    }
    h.onEnd(3_001_000);
    List<String> sameInstance = new ArrayList<>();
    for (int i = 0; i < behind.instances.size(); i++) {
      sameInstance.add(String.valueOf(behind.instances.get(i) == before.instances.get(i)));
    }
    return List.of(before.lines, behind.lines, sameInstance);
  }

  @Test
  void aTableFillsTheRingsSlotInPlaceAndTheOtherSideGetsThatVeryInstance() throws Exception {
    List<List<String>> r = throughATable(false);
    assertThat(r.get(0)).hasSize(3_000);
    assertThat(r.get(0).get(41)).isEqualTo("42 host42.example 42000 7 [203.0.113.42] 1 203.0.113.42");
    // the line the tracker's side reads is the one the table wrote, not a copy of it
    assertThat(r.get(1)).isEqualTo(r.get(0));
    assertThat(r.get(2)).containsOnly("true");
  }

  @Test
  void whileAListenerKeepsTransactionsTheTableFillsNewOnesAndTheRingCopiesThem() throws Exception {
    List<List<String>> r = throughATable(true);
    assertThat(r.get(0)).hasSize(3_000);
    assertThat(r.get(1)).isEqualTo(r.get(0));
    // the kept instances must never be the ring's, which are refilled
    assertThat(r.get(2)).containsOnly("false");
  }

  @Test
  void aListenerThatKeepsTransactionsGetsCopiesOfItsOwn() {
    Recorder r = new Recorder(true);
    DnsTransactionHandoff<Recorder> h = new DnsTransactionHandoff<>(r, new Counters(), 2);
    for (int i = 1; i <= 50; i++) {
      h.onTransaction(answered(i, "n" + i + ".example", i));
    }
    h.onEnd(100);
    assertThat(r.kept).hasSize(50);
    for (int i = 0; i < 50; i++) {
      assertThat(r.kept.get(i).query()).isEqualTo("n" + (i + 1) + ".example");
      assertThat(r.kept.get(i).transId()).isEqualTo(i + 1);
    }
    assertThat(h.retainsTransactions()).isFalse();
  }

  @Test
  void aFailureOfTheListenerIsThrownToTheProducer() {
    Recorder r = new Recorder(false);
    r.failOn = "bad.example";
    DnsTransactionHandoff<Recorder> h = new DnsTransactionHandoff<>(r, new Counters(), 8);
    h.onTransaction(answered(1, "bad.example", 1));
    assertThatThrownBy(() -> {
      for (int i = 2; i < 1_000_000; i++) {
        h.onTransaction(answered(i, "ok.example", i));
      }
    }).isInstanceOf(IllegalStateException.class).hasMessageContaining("boom on bad.example");
    assertThatThrownBy(() -> h.onEnd(5)).hasMessageContaining("boom on bad.example");
  }

  @Test
  void closeWithoutAnEndStopsTheThreadAfterWhatWasGiven() {
    Recorder r = new Recorder(false);
    DnsTransactionHandoff<Recorder> h = new DnsTransactionHandoff<>(r, new Counters(), 8);
    for (int i = 1; i <= 20; i++) {
      h.onTransaction(answered(i, "n.example", i));
    }
    h.close();
    assertThat(h.consumerAlive()).isFalse();
    assertThat(r.seen).hasSize(20).noneMatch(s -> s.startsWith("end"));
  }
}
