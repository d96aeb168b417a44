package io.peerscope.agent.track;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.metrics.Counters;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Byte budget, eviction that spares heavy entries, and collision-flooded keys. */
class BoundedTableTest {

  private static NameRecord name(String n, int lookups) {
    NameRecord r = new NameRecord(n, 1_000_000L, 0, 1);
    for (int i = 0; i < lookups; i++) {
      r.query(1_000_000L + i, 0, 1, 0, 0, QueryKind.A);
    }
    return r;
  }

  @Test
  void floodOfOneOffNamesEvictsThemAndSparesHeavyNames() {
    Counters counters = new Counters();
    BoundedTable<String, NameRecord> t =
        new BoundedTable<>(2L << 20, counters.counter("evicted"), new Rng(1), name -> Hashing.name(name, 1));
    List<NameRecord> heavy = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      NameRecord r = name("heavy" + i + ".example", 100);
      t.add(r);
      heavy.add(r);
    }
    for (int i = 0; i < 200_000; i++) {
      t.add(name(i + ".flood.example", 1));
      assertThat(t.bytes()).isLessThanOrEqualTo(t.budget() + 64 * 1024);
    }
    assertThat(counters.get("evicted")).isGreaterThan(150_000);
    for (NameRecord r : heavy) {
      assertThat(t.get(r.name())).isSameAs(r);
    }
  }

  @Test
  void aLookupByAnEqualCopyOfTheKeyMakesThatCopyTheHeldOne() {
    // a state file's names are copies: the DNS layer's instance takes their place at the first
    // lookup, so later ones are decided by identity
    BoundedTable<String, NameRecord> names =
        new BoundedTable<>(1L << 30, new Counters().counter("e"), new Rng(4), n -> Hashing.name(n, 4));
    NameRecord loaded = name(new String("mail.example"), 3);
    names.add(loaded);
    String wire = new String("mail.example");
    assertThat(names.get(wire)).isSameAs(loaded);
    assertThat(loaded.name()).isSameAs(wire);
    assertThat(names.get(wire)).isSameAs(loaded);
    assertThat(names.get(new String("mail.example"))).isSameAs(loaded);

    // a pair is its own key: it takes the probe's name, never the probe itself
    BoundedTable<PairRecord, PairRecord> pairs = new BoundedTable<>(1L << 30,
        new Counters().counter("e"), new Rng(5), p -> Hashing.name(p.name(), p.clientLo()));
    PairRecord pair = new PairRecord(0, 7, new String("mail.example"), 1);
    pairs.add(pair);
    PairRecord probe = new PairRecord(0, 0, "", 0);
    assertThat(pairs.get(probe.probe(0, 7, wire))).isSameAs(pair);
    assertThat(pair.name()).isSameAs(wire);
    probe.probe(0, 8, "other.example");
    assertThat(pairs.get(new PairRecord(0, 7, "mail.example", 0))).isSameAs(pair);
    assertThat(pairs.get(probe)).isNull();
  }

  @Test
  void removeKeepsSlotsAndWatchListConsistent() {
    BoundedTable<String, NameRecord> t =
        new BoundedTable<>(1L << 30, new Counters().counter("e"), new Rng(2), name -> Hashing.name(name, 2));
    List<NameRecord> all = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      NameRecord r = name("n" + i + ".example", 2);
      t.add(r);
      all.add(r);
      if (i % 3 == 0) {
        t.watch(r);
      }
    }
    for (int i = 0; i < 100; i += 2) {
      t.remove(all.get(i));
    }
    List<String> visited = new ArrayList<>();
    t.forEach(r -> visited.add(r.name()));
    List<String> watched = new ArrayList<>();
    t.forEachWatched(r -> watched.add(r.name()));
    assertThat(visited).hasSize(50).allMatch(n -> Integer.parseInt(n.substring(1, n.indexOf('.'))) % 2 == 1);
    assertThat(watched).hasSize(17).allMatch(n -> {
      int i = Integer.parseInt(n.substring(1, n.indexOf('.')));
      return i % 2 == 1 && i % 3 == 0;
    });
  }

  @Test
  void keysWithCollidingHashCodesStayRetrievable() {
    // "Aa" and "BB" have the same String.hashCode: 2^12 names all on one hash code
    List<String> colliding = new ArrayList<>();
    colliding.add("");
    for (int round = 0; round < 12; round++) {
      List<String> next = new ArrayList<>();
      for (String s : colliding) {
        next.add(s + "Aa");
        next.add(s + "BB");
      }
      colliding = next;
    }
    assertThat(colliding.stream().map(String::hashCode).distinct()).hasSize(1);
    BoundedTable<String, NameRecord> t =
        new BoundedTable<>(1L << 30, new Counters().counter("e"), new Rng(3), name -> Hashing.name(name, 3));
    for (String s : colliding) {
      t.add(name(s, 1));
    }
    for (String s : colliding) {
      assertThat(t.get(s)).isNotNull();
    }
    assertThat(t.size()).isEqualTo(4096);
  }

  @Test
  void addsAndRemovesInCrowdedProbeRunsAgreeWithAMap() {
    // a hash of five values, all at the index's end: every run is long and wraps to the start
    BoundedTable<String, NameRecord> t = new BoundedTable<>(1L << 30, new Counters().counter("e"),
        new Rng(4), name -> -1L - (name.length() % 5));
    java.util.Map<String, NameRecord> expected = new java.util.HashMap<>();
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(9);
    for (int step = 0; step < 20_000; step++) {
      String key = "k" + rnd.nextInt(600) + "x".repeat(rnd.nextInt(5));
      NameRecord held = expected.get(key);
      assertThat(t.get(key)).isSameAs(held);
      if (held == null) {
        NameRecord r = name(key, 1);
        t.add(r);
        expected.put(key, r);
      } else if (rnd.nextBoolean()) {
        t.remove(held);
        expected.remove(key);
      }
    }
    assertThat(t.size()).isEqualTo(expected.size());
    expected.forEach((k, v) -> assertThat(t.get(k)).isSameAs(v));
  }

  @Test
  void spaceSavingKeepsHeavyClientsAgainstManyOneOffs() {
    TopClients top = new TopClients(4, false);
    for (int i = 0; i < 10_000; i++) {
      top.add(0, 1, i); // heavy
      if (i % 2 == 0) {
        top.add(0, 2, i); // medium
      }
      top.add(1, i + 100, i); // one-offs
    }
    int[] order = top.order();
    assertThat(top.lo(order[0])).isEqualTo(1);
    assertThat(top.count(order[0])).isEqualTo(10_000);
    assertThat(top.lo(order[1])).isEqualTo(2);
    assertThat(top.error(order[0])).isZero();
  }
}
