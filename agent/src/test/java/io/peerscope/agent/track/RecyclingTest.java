package io.peerscope.agent.track;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.dns.NameHash;
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
    NameRecord heavy = new NameRecord("heavy.example", T0, 0, 1, new TrackParts());
    // every part allocated: clients and organisations past their slots, sketches, rhythm,
    // addresses, a failure run with its askers, a rename
    for (int i = 0; i < 200; i++) {
      heavy.query(T0 + i * HOUR, 0, i, 0, i * 256L, QueryKind.of("heavy.example", 1 + i % 20, false));
      String[] answer = {"198.51.100." + (i % 9)};
      heavy.outcomes.good(T0 + i * HOUR, answer, AddressHashes.of(answer), 1);
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
        String[] answer = {"203.0.113.5"};
        r.outcomes.good(T0 + (1000 + i) * HOUR, answer, AddressHashes.of(answer), 1);
      }
      r.outcomes.failure(T0 + 1100 * HOUR, 2, 0, 78);
    }
    assertThat(bytesOf(heavy)).isEqualTo(bytesOf(fresh));
    assertThat(heavy.hours()[HourOfWeek.index(T0)]).isEqualTo(fresh.hours()[HourOfWeek.index(T0)]);
  }

  @Test
  void anEvictedRecordsPartsServeTheNextNameThatNeedsThem() {
    TrackParts parts = new TrackParts();
    NameRecord r = new NameRecord("a.example", T0, 0, 1, parts);
    for (int i = 0; i < 50; i++) {
      r.query(T0 + i * HOUR, 0, i, 0, i * 256L, QueryKind.of("a.example", 1, false));
    }
    TopClients clients = r.clients();
    int[] hours = r.hours;
    assertThat(HourCounts.isDense(hours)).isTrue(); // fifty hours in use
    long spares = parts.bytes(); // the smaller forms the histogram grew out of
    r.recycle("one-off.example", T0, 0, 1);
    assertThat(r.clients()).isNull();
    assertThat(parts.bytes()).isGreaterThan(spares);

    NameRecord other = new NameRecord("b.example", T0, 0, 9, parts);
    other.query(T0, 0, 9, 0, 9, QueryKind.of("b.example", 1, false));
    other.query(T0 + HOUR, 0, 10, 0, 10, QueryKind.of("b.example", 1, false));
    assertThat(other.clients()).isSameAs(clients);
    assertThat(other.clients().size()).isEqualTo(2);
    // two hours in use: the smallest form, itself a spare of the recycled records' parts
    assertThat(HourCounts.isDense(other.hours)).isFalse();
    assertThat(java.util.Arrays.stream(other.hours()).sum()).isEqualTo(2);
    r.query(T0, 0, 1, 0, 1, QueryKind.of("one-off.example", 1, false));
    for (int i = 0; i < 20; i++) {
      r.query(T0 + i * HOUR, 0, 2, 0, 2, QueryKind.of("one-off.example", 1, false));
    }
    assertThat(r.hours).isSameAs(hours); // grown dense again: the dense spare came back
  }

  @Test
  void thePoolKeepsAFewOfEachKindAndLetsTheRestGo() {
    TrackParts parts = new TrackParts();
    for (int i = 0; i < 3 * TrackParts.MAX_PER_KIND; i++) {
      parts.giveHours(new int[HourOfWeek.BINS]);
    }
    assertThat(parts.bytes()).isEqualTo(TrackParts.MAX_PER_KIND * (16L + 4 * HourOfWeek.BINS));
  }

  @Test
  void aRecycledClientRecordIsIndistinguishableFromANewOne() throws IOException {
    ClientRecord heavy = new ClientRecord(new io.peerscope.agent.decode.IpAddress(0, 1), T0);
    for (int i = 0; i < 40; i++) {
      String name = "n" + i + ".example";
      heavy.query(
          name, NameHash.of(name), TableEntry.stringBytes(name), Hashing.name(name), T0 + i);
    }
    assertThat(heavy.nameSketch).isNotNull();
    io.peerscope.agent.decode.IpAddress next = new io.peerscope.agent.decode.IpAddress(0, 2);
    heavy.recycle(next, T0 + 100);
    ClientRecord fresh = new ClientRecord(next, T0 + 100);
    for (ClientRecord c : new ClientRecord[] {heavy, fresh}) {
      c.query("a.example", NameHash.of("a.example"), TableEntry.stringBytes("a.example"),
          Hashing.name("a.example"), T0 + 101);
      c.query("b.example", NameHash.of("b.example"), TableEntry.stringBytes("b.example"),
          Hashing.name("b.example"), T0 + 102);
    }
    assertThat(written(heavy::write)).isEqualTo(written(fresh::write));
    assertThat(heavy.estimateBytes()).isEqualTo(fresh.estimateBytes());
  }

  @Test
  void aRecycledPairIsIndistinguishableFromANewOne() throws IOException {
    PairRecord heavy = new PairRecord(0, 1, "beacon.example", T0);
    for (int i = 0; i < 100; i++) {
      heavy.query(T0 + i * 60_000_000L);
    }
    heavy.scoredAtCount = 90;
    heavy.recycle(0, 2, "other.example", T0 + HOUR);
    PairRecord fresh = new PairRecord(0, 2, "other.example", T0 + HOUR);
    for (PairRecord p : new PairRecord[] {heavy, fresh}) {
      p.query(T0 + HOUR);
      p.query(T0 + 2 * HOUR);
      p.query(T0 + 4 * HOUR);
    }
    assertThat(written(heavy::write)).isEqualTo(written(fresh::write));
    assertThat(heavy.key()).isEqualTo(fresh.key());
    int[] gaps = new int[IntervalRing.CAPACITY];
    assertThat(heavy.gaps().copyTo(gaps)).isEqualTo(2);
    assertThat(gaps[0]).isEqualTo(3_600_000);
    assertThat(gaps[1]).isEqualTo(7_200_000);
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
    TrackerState state = new TrackerState(TrackConfig.defaults(), counters);
    long h = state.pairHash(0, 5, state.nameHash("x.example"));
    assertThat(door.admit(h, T0)).isEqualTo(-1);
    assertThat(door.admit(h, T0 + 10)).isEqualTo(T0);
    // let go once admitted: the next sighting is a first one again
    assertThat(door.admit(h, T0 + 20)).isEqualTo(-1);
    assertThat(displaced.get()).isZero();
    assertThat(state.pairHash(0, 6, state.nameHash("x.example"))).isNotEqualTo(h);
    assertThat(state.pairHash(0, 5, state.nameHash("y.example"))).isNotEqualTo(h);
  }

  @Test
  void aDoorkeeperReadAheadAdmitsAsAReadAtAdmission() {
    Counters counters = new Counters();
    Counter displaced = counters.counter("d");
    PairDoorkeeper door = new PairDoorkeeper(1 << 20, displaced);
    // 0 marks an empty slot: a pair hashing to 0 is held as 1 and read back as such
    for (long h : new long[] {0, 1, 0x7e57_ab1eL}) {
      long held = door.held(h);
      assertThat(held).isZero();
      assertThat(door.admit(h, held, T0)).isEqualTo(-1);
      held = door.held(h);
      assertThat(held).isEqualTo(h == 0 ? 1 : h);
      assertThat(door.admit(h, held, T0 + 10)).isEqualTo(T0);
      assertThat(door.held(h)).isZero();
    }
    assertThat(displaced.get()).isZero();
    // another pair in the same slot: read ahead as held, it displaces the first sighting
    long a = 5;
    long b = (1L << 32) | 4; // the same slot: the index folds the high half onto the low (4 ^ 1)
    assertThat(door.admit(a, door.held(a), T0)).isEqualTo(-1);
    assertThat(door.held(b)).isEqualTo(a);
    assertThat(door.admit(b, door.held(b), T0 + 1)).isEqualTo(-1);
    assertThat(displaced.get()).isEqualTo(1);
    assertThat(door.admit(a, door.held(a), T0 + 2)).isEqualTo(-1);
  }

  @Test
  void aDoorkeeperFullOfOneOffPairsCountsWhatItDisplaced() {
    Counters counters = new Counters();
    Counter displaced = counters.counter("d");
    PairDoorkeeper door = new PairDoorkeeper(64 * PairDoorkeeper.SLOT_BYTES, displaced);
    TrackerState state = new TrackerState(TrackConfig.defaults(), counters);
    long name = state.nameHash("flood.example");
    for (int i = 0; i < 10_000; i++) {
      door.admit(state.pairHash(0, i, name), T0 + i);
    }
    assertThat(displaced.get()).isGreaterThanOrEqualTo(10_000 - 64); // every slot held one, the rest displaced
    assertThat(door.bytes()).isLessThan(64 * PairDoorkeeper.SLOT_BYTES + 100);
  }

  private interface Writer {
    void write(java.io.DataOutput out) throws IOException;
  }

  /** What a record saves into the state file: equal bytes, equal records. */
  private static byte[] written(Writer w) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(b)) {
      w.write(out);
    }
    return b.toByteArray();
  }

  private static byte[] bytesOf(NameRecord r) throws IOException {
    return written(r::write);
  }
}
