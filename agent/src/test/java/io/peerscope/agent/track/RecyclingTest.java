package io.peerscope.agent.track;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.metrics.Counter;
import io.peerscope.agent.metrics.Counters;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * What keeps the tracker's steady state free of allocation: evicted name records reused for new
 * names, and pairs admitted to their table on the second sighting only.
 */
class RecyclingTest {
  private static final long HOUR = 3_600_000_000L;
  private static final long T0 = 1_700_000_000_000_000L;

  @Test
  void aRecycledNameRecordIsIndistinguishableFromANewOne() throws IOException {
    NameRecord heavy = new NameRecord("heavy.example", T0, 0, 1);
    // every part allocated: clients and organisations past their slots, sketches, rhythm,
    // addresses, a failure run with its askers, a rename
    for (int i = 0; i < 200; i++) {
      heavy.query(T0 + i * HOUR, 0, i, 0, i * 256L, QueryKind.of("heavy.example", 1 + i % 20, false));
      heavy.outcomes.good(T0 + i * HOUR, new String[] {"198.51.100." + (i % 9)}, 1);
    }
    for (int i = 0; i < 5; i++) {
      heavy.outcomes.failure(T0 + (300 + i) * HOUR, 3, 0, 900 + i);
    }
    heavy.minTtl = 30;
    heavy.renamed = new RenameEvent("old.example", "198.51.100.1", "192.0.2.1", "192.0.2.0/24",
        "client", T0, T0, T0, 0);
    assertThat(heavy.clientSketch).isNotNull();
    assertThat(heavy.orgSketch).isNotNull();

    heavy.recycle("fresh.example", T0 + 1000 * HOUR, 0, 77);
    NameRecord fresh = new NameRecord("fresh.example", T0 + 1000 * HOUR, 0, 77);
    assertThat(bytesOf(heavy)).isEqualTo(bytesOf(fresh));

    // and it stays so as the new name is used: spares are taken, cleared, as fresh parts
    for (NameRecord r : new NameRecord[] {heavy, fresh}) {
      for (int i = 0; i < 12; i++) {
        r.query(T0 + (1000 + i) * HOUR, 0, 77 + i % 3, 0, 7, QueryKind.of("fresh.example", 1, false));
        r.outcomes.good(T0 + (1000 + i) * HOUR, new String[] {"203.0.113.5"}, 1);
      }
      r.outcomes.failure(T0 + 1100 * HOUR, 2, 0, 78);
    }
    assertThat(bytesOf(heavy)).isEqualTo(bytesOf(fresh));
    assertThat(heavy.hours()[HourOfWeek.index(T0)]).isEqualTo(fresh.hours()[HourOfWeek.index(T0)]);
  }

  @Test
  void sparesAreCountedWhileHeldAndDroppedAfterOneUnusedLife() {
    NameRecord r = new NameRecord("a.example", T0, 0, 1);
    for (int i = 0; i < 50; i++) {
      r.query(T0 + i * HOUR, 0, i, 0, i * 256L, QueryKind.of("a.example", 1, false));
    }
    int heavyBytes = r.estimateBytes();
    r.recycle("once.example", T0, 0, 1);
    int withSpares = r.estimateBytes();
    r.recycle("twice.example", T0, 0, 1);
    int bare = r.estimateBytes();
    assertThat(bare).isEqualTo(new NameRecord("twice.example", T0, 0, 1).estimateBytes());
    // a one-off name holding a heavy name's parts weighs what they weigh, until they go
    assertThat(withSpares).isGreaterThan(bare + (heavyBytes - bare) / 2);
  }

  @Test
  void evictedNamesAreReusedByTheTracker() {
    Counters counters = new Counters();
    TrackerState state = new TrackerState(TrackConfig.defaults().withBudgetMb(4), counters);
    NameRecord first = state.newName("n0.example", T0, 0, 1);
    state.names.add(first);
    for (int i = 1; i < 20_000 && counters.get("track.names.evicted") == 0; i++) {
      state.names.add(state.newName("n" + i + ".example", T0 + i, 0, 1));
    }
    assertThat(counters.get("track.names.evicted")).isPositive();
    NameRecord reused = state.newName("after.example", T0, 0, 2);
    assertThat(reused.slot).isEqualTo(-1);
    assertThat(reused.name()).isEqualTo("after.example");
    // not a new object: one of the evicted came back
    boolean wasInTable = reused.queries() == 0 && reused.accounted > 0;
    assertThat(wasInTable).isTrue();
  }

  @Test
  void aPairEntersItsTableOnTheSecondSightingCreditingTheFirst() {
    Counters counters = new Counters();
    Counter displaced = counters.counter("d");
    PairDoorkeeper door = new PairDoorkeeper(1 << 20, displaced);
    long h = PairDoorkeeper.pairHash(0, 5, "x.example");
    assertThat(door.admit(h, T0)).isEqualTo(-1);
    assertThat(door.admit(h, T0 + 10)).isEqualTo(T0);
    // let go once admitted: the next sighting is a first one again
    assertThat(door.admit(h, T0 + 20)).isEqualTo(-1);
    assertThat(displaced.get()).isZero();
    assertThat(PairDoorkeeper.pairHash(0, 6, "x.example")).isNotEqualTo(h);
    assertThat(PairDoorkeeper.pairHash(0, 5, "y.example")).isNotEqualTo(h);
  }

  @Test
  void aDoorkeeperFullOfOneOffPairsCountsWhatItDisplaced() {
    Counters counters = new Counters();
    Counter displaced = counters.counter("d");
    PairDoorkeeper door = new PairDoorkeeper(64 * PairDoorkeeper.SLOT_BYTES, displaced);
    for (int i = 0; i < 10_000; i++) {
      door.admit(PairDoorkeeper.pairHash(0, i, "flood.example"), T0 + i);
    }
    assertThat(displaced.get()).isGreaterThanOrEqualTo(10_000 - 64); // every slot held one, the rest displaced
    assertThat(door.bytes()).isLessThan(64 * PairDoorkeeper.SLOT_BYTES + 100);
  }

  private static byte[] bytesOf(NameRecord r) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(b)) {
      r.write(out);
    }
    return b.toByteArray();
  }
}
