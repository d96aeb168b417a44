package io.peerscope.agent.track;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** The body of the state file, version 1 (see {@link TrackerState}). */
final class StateCodec {
  private StateCodec() {}

  static void write(TrackerState s, DataOutput out) throws IOException {
    out.writeLong(TrackerState.MAGIC);
    out.writeInt(TrackerState.VERSION);
    out.writeInt(s.config.orgPrefixV4());
    out.writeInt(s.config.orgPrefixV6());
    out.writeLong(s.startMicros);
    out.writeLong(s.nowMicros);
    out.writeLong(s.nextSweepMicros);
    out.writeLong(s.rng.state());
    long[] cur = s.seen.currentWords();
    long[] prev = s.seen.previousWords();
    out.writeLong(s.seen.inserted());
    out.writeLong(s.seen.rotations());
    out.writeInt(cur.length);
    for (long w : cur) {
      out.writeLong(w);
    }
    for (long w : prev) {
      out.writeLong(w);
    }
    out.writeInt(s.names.size());
    IoAction<NameRecord> wn = r -> r.write(out);
    forEach(s.names, wn);
    out.writeInt(s.clients.size());
    forEach(s.clients, r -> r.write(out));
    out.writeInt(s.addresses.size());
    forEach(s.addresses, r -> r.write(out));
    out.writeInt(s.pairs.size());
    forEach(s.pairs, r -> r.write(out));
    s.ledger.write(out);
    out.writeLong(TrackerState.MAGIC);
  }

  static void read(TrackerState s, DataInput in) throws IOException {
    if (in.readLong() != TrackerState.MAGIC) {
      throw new IOException("not a tracking state file");
    }
    int version = in.readInt();
    if (version != TrackerState.VERSION) {
      throw new IOException("tracking state version " + version + ", expected "
          + TrackerState.VERSION);
    }
    int v4 = in.readInt();
    int v6 = in.readInt();
    if (v4 != s.config.orgPrefixV4() || v6 != s.config.orgPrefixV6()) {
      throw new IOException("organisation prefixes changed from /" + v4 + " and /" + v6);
    }
    s.startMicros = in.readLong();
    s.nowMicros = in.readLong();
    s.nextSweepMicros = in.readLong();
    s.rng.state(in.readLong());
    long inserted = in.readLong();
    long rotations = in.readLong();
    int words = in.readInt();
    if (words < 0 || words > (1 << 28)) {
      throw new IOException("seen filter of " + words + " words");
    }
    long[] cur = new long[words];
    long[] prev = new long[words];
    for (int i = 0; i < words; i++) {
      cur[i] = in.readLong();
    }
    for (int i = 0; i < words; i++) {
      prev[i] = in.readLong();
    }
    // a filter of another size (budget changed) cannot be reused: it starts empty
    s.seen.restore(cur, prev, inserted, rotations);
    int n = count(in);
    for (int i = 0; i < n; i++) {
      addUnique(s.names, NameRecord.read(in, s.parts));
    }
    n = count(in);
    for (int i = 0; i < n; i++) {
      addUnique(s.clients, ClientRecord.read(in));
    }
    n = count(in);
    for (int i = 0; i < n; i++) {
      addUnique(s.addresses, AddressRecord.read(in));
    }
    n = count(in);
    for (int i = 0; i < n; i++) {
      addUnique(s.pairs, PairRecord.read(in));
    }
    s.ledger.read(in);
    if (in.readLong() != TrackerState.MAGIC) {
      throw new IOException("tracking state ends without its end marker");
    }
  }

  private static <K, V extends TableEntry<K>> void addUnique(BoundedTable<K, V> table, V entry)
      throws IOException {
    if (table.get(entry.key()) != null) {
      throw new IOException("duplicate entry " + entry.key());
    }
    table.add(entry);
  }

  private static int count(DataInput in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 100_000_000) {
      throw new IOException("table of " + n + " entries");
    }
    return n;
  }

  @FunctionalInterface
  private interface IoAction<T> {
    void apply(T t) throws IOException;
  }

  private static <K, V extends TableEntry<K>> void forEach(BoundedTable<K, V> table,
      IoAction<V> action) throws IOException {
    IOException[] failure = new IOException[1];
    table.forEach(v -> {
      if (failure[0] == null) {
        try {
          action.apply(v);
        } catch (IOException e) {
          failure[0] = e;
        }
      }
    });
    if (failure[0] != null) {
      throw failure[0];
    }
  }
}
