package io.peerscope.agent.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.decode.IpAddress;
import io.peerscope.agent.metrics.Counters;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/**
 * The pending queries' open-addressing index against a plain map, under churn that fills it to
 * its limit, the one transaction instance a table refills when no listener keeps them, and the
 * addresses it writes as text without a builder.
 */
class PendingIndexTest {

  private static PendingQuery query(int client, int port, int id) {
    PendingQuery q = new PendingQuery();
    q.key.set(0, 0xffff_0a00_0000L | client, port, 0, 0xffff_c633_6435L, 53, false, id);
    return q;
  }

  @Test
  void behavesAsAMapThroughInsertsAndRemovalsAtFullLoad() {
    PendingIndex index = new PendingIndex(64);
    Map<Integer, PendingQuery> model = new HashMap<>();
    SplittableRandom rnd = new SplittableRandom(7);
    for (int step = 0; step < 200_000; step++) {
      int k = rnd.nextInt(200);
      PendingQuery q = query(k % 10, 1000 + k / 10, k);
      PendingQuery held = model.get(k);
      if (held == null && model.size() < 64) {
        assertThat(index.putIfAbsent(q)).isNull();
        model.put(k, q);
      } else if (held != null) {
        assertThat(index.putIfAbsent(q)).isSameAs(held);
        if (rnd.nextBoolean()) {
          index.remove(q.key);
          model.remove(k);
        } else {
          index.replace(q.key, q);
          model.put(k, q);
        }
      }
      if (step % 97 == 0) {
        for (int j = 0; j < 200; j++) {
          assertThat(index.get(query(j % 10, 1000 + j / 10, j).key)).isSameAs(model.get(j));
        }
      }
    }
  }

  @Test
  void growsFromASmallArrayWithWhatIsPendingUpToTwiceTheLimitAndKeepsEveryKey() {
    int limit = 3000;
    PendingIndex index = new PendingIndex(limit);
    assertThat(index.capacity()).isEqualTo(PendingIndex.INITIAL_SLOTS);
    Map<Integer, PendingQuery> model = new HashMap<>();
    SplittableRandom rnd = new SplittableRandom(11);
    for (int k = 0; k < limit; k++) {
      PendingQuery q = query(k % 250, 1024 + rnd.nextInt(60_000), k);
      assertThat(index.putIfAbsent(q)).isNull();
      model.put(k, q);
      // never more than half full: probe runs stay short as it grows
      assertThat(model.size()).isLessThanOrEqualTo(index.capacity() / 2);
    }
    // 3000 keys: 8192 slots, the array sized for the limit from the start before
    assertThat(index.capacity()).isEqualTo(8192);
    model.forEach((k, q) -> assertThat(index.get(q.key)).isSameAs(q));
    // removals keep the size it grew to and leave every other key reachable
    for (int k = 0; k < limit; k += 2) {
      index.remove(model.remove(k).key);
    }
    assertThat(index.capacity()).isEqualTo(8192);
    for (int k = 0; k < limit; k++) {
      PendingQuery q = model.get(k);
      assertThat(index.get(q != null ? q.key : query(k % 250, 1, k).key)).isSameAs(q);
    }
  }

  @Test
  void aTableWhoseListenersKeepNothingRefillsOneTransaction() {
    DnsTransactionTable table = new DnsTransactionTable(new Counters(), DnsLimits.DEFAULTS);
    DnsTransaction[] seen = new DnsTransaction[2];
    String[] names = new String[2];
    int[] n = {0};
    table.addListener(new DnsTransactionListener() {
      @Override
      public void onTransaction(DnsTransaction t) {
        seen[n[0]] = t;
        names[n[0]++] = t.query();
      }

      @Override
      public boolean retainsTransactions() {
        return false;
      }
    });
    answer(table, 1, "a.example");
    answer(table, 2, "b.example");
    assertThat(seen[0]).isSameAs(seen[1]);
    assertThat(names).containsExactly("a.example", "b.example");
    assertThat(seen[1].copy()).isEqualTo(seen[1]).isNotSameAs(seen[1]);
  }

  @Test
  void oneListenerThatKeepsThemGetsEveryTransactionAsItsOwn() {
    DnsTransactionTable table = new DnsTransactionTable(new Counters(), DnsLimits.DEFAULTS);
    table.addListener(new DnsTransactionListener() {
      @Override
      public void onTransaction(DnsTransaction t) {}

      @Override
      public boolean retainsTransactions() {
        return false;
      }
    });
    java.util.List<DnsTransaction> kept = new java.util.ArrayList<>();
    table.addListener(kept::add);
    answer(table, 1, "a.example");
    answer(table, 2, "b.example");
    assertThat(kept).extracting(DnsTransaction::query).containsExactly("a.example", "b.example");
    assertThat(kept.get(0).rttMicros()).isEqualTo(5L);
    assertThat(kept.get(0).rcode()).isZero();
    assertThat(kept.get(0).qtypeCode()).isEqualTo(Type.A);
  }

  @Test
  void addressesAreWrittenDigitForDigit() {
    DnsTransactionTable table = new DnsTransactionTable(new Counters(), DnsLimits.DEFAULTS);
    java.util.List<String> answers = new java.util.ArrayList<>();
    table.addListener(t -> answers.addAll(t.answers()));
    String[] cases = {"0.9.10.255", "100.99.1.200", "10.0.0.1", "255.255.255.255", "0.0.0.0"};
    IpAddress c = IpAddress.parse("192.0.2.1");
    IpAddress s = IpAddress.parse("198.51.100.53");
    for (int i = 0; i < cases.length; i++) {
      byte[] r = DnsTestMessages.aResponse(i, "x.example", cases[i]);
      table.onMessage(i, s.hi(), s.lo(), 53, c.hi(), c.lo(), 4000, false, r, 0, r.length);
    }
    assertThat(answers).containsExactly(cases);
  }

  private static void answer(DnsTransactionTable table, int id, String name) {
    IpAddress c = IpAddress.parse("192.0.2.1");
    IpAddress s = IpAddress.parse("198.51.100.53");
    byte[] q = DnsTestMessages.query(id, name, Type.A);
    byte[] r = DnsTestMessages.aResponse(id, name, "192.0.2.9");
    table.onMessage(id * 100L, c.hi(), c.lo(), 4000, s.hi(), s.lo(), 53, false, q, 0, q.length);
    table.onMessage(id * 100L + 5, s.hi(), s.lo(), 53, c.hi(), c.lo(), 4000, false, r, 0, r.length);
  }
}
