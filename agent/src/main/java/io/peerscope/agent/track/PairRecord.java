package io.peerscope.agent.track;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * One client asking one name: counts, span and recent gaps for periodicity. Its own key in the
 * pairs table: a lookup that finds its pair visits the record only, not a key object beside it.
 * Two records are equal when client and name are; the tracker looks pairs up with a record of
 * its own used as probe ({@link #probe}).
 */
public final class PairRecord extends TableEntry<PairRecord> {
  private long hi;
  private long lo;
  private String name;
  /** {@link #stringBytes} of the name, for the estimate after every lookup (see NameRecord's). */
  private int nameBytes;
  long count;
  long firstSeen;
  long lastSeen;
  IntervalRing gaps;
  /** Count when periodicity was last scored: scoring again waits for enough new gaps. */
  public long scoredAtCount;
  /** The last periodicity score, null when not periodic; recomputed after a restart. */
  public BeaconScore beacon;

  PairRecord(long hi, long lo, String name, long ts) {
    this.hi = hi;
    this.lo = lo;
    this.name = name;
    this.nameBytes = stringBytes(name);
    this.firstSeen = ts;
    this.lastSeen = ts;
  }

  /**
   * Turns an evicted pair into a new one, as if just constructed, for a pair about to be counted
   * twice: its key is no longer in the table, so changing it is safe. The gap ring is kept, empty.
   */
  void recycle(long hi, long lo, String name, long ts) {
    this.hi = hi;
    this.lo = lo;
    this.name = name;
    this.nameBytes = stringBytes(name);
    count = 0;
    firstSeen = ts;
    lastSeen = ts;
    if (gaps != null) {
      gaps.clear();
    }
    scoredAtCount = 0;
    beacon = null;
  }

  void query(long ts) {
    count++;
    if (count >= 2) {
      if (gaps == null) {
        gaps = new IntervalRing();
      }
      gaps.add(ts - lastSeen);
    }
    if (ts > lastSeen) {
      lastSeen = ts;
    }
  }

  public long clientHi() {
    return hi;
  }

  public long clientLo() {
    return lo;
  }

  public String name() {
    return name;
  }

  /**
   * Sets client and name only (not the name's size): for a record that serves as lookup probe,
   * never held by a table.
   */
  PairRecord probe(long h, long l, String n) {
    hi = h;
    lo = l;
    name = n;
    return this;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PairRecord p && p.hi == hi && p.lo == lo && p.name.equals(name);
  }

  @Override
  public int hashCode() {
    long h = hi * 31 + lo;
    return (int) (h ^ (h >>> 32)) * 31 + name.hashCode();
  }

  @Override
  public String toString() {
    return "pair " + Long.toHexString(hi) + ":" + Long.toHexString(lo) + " " + name;
  }

  public long count() {
    return count;
  }

  public long firstSeen() {
    return firstSeen;
  }

  public IntervalRing gaps() {
    return gaps;
  }

  /**
   * The record is its own key and a lookup's probe is another record: the probe's name, the DNS
   * layer's instance, is taken instead, so that comparing names is decided by identity.
   */
  @Override
  boolean adoptKey(PairRecord probe) {
    name = probe.name;
    return false;
  }

  @Override
  PairRecord key() {
    return this;
  }

  @Override
  long weight() {
    return count;
  }

  @Override
  public long lastSeen() {
    return lastSeen;
  }

  @Override
  int estimateBytes() {
    // the name string is usually shared with the name record, but outlives it when that is
    // evicted first: counted here too, so the estimate errs on the safe side
    return 16 + 6 * 8 + 4 * 4 + nameBytes
        + (gaps == null ? 0 : gaps.bytes());
  }

  void write(DataOutput out) throws IOException {
    out.writeLong(hi);
    out.writeLong(lo);
    out.writeUTF(name);
    out.writeLong(count);
    out.writeLong(firstSeen);
    out.writeLong(lastSeen);
    out.writeLong(scoredAtCount);
    out.writeBoolean(gaps != null);
    if (gaps != null) {
      int[] raw = gaps.raw();
      for (int v : raw) {
        out.writeInt(v);
      }
      out.writeByte(gaps.next());
      out.writeByte(gaps.size());
    }
  }

  static PairRecord read(DataInput in) throws IOException {
    PairRecord r = new PairRecord(in.readLong(), in.readLong(), in.readUTF(), 0);
    r.count = in.readLong();
    r.firstSeen = in.readLong();
    r.lastSeen = in.readLong();
    in.readLong(); // scored-at count: zero after loading, so the next sweep scores afresh
    r.scoredAtCount = 0;
    if (in.readBoolean()) {
      int[] v = new int[IntervalRing.CAPACITY];
      for (int i = 0; i < v.length; i++) {
        v[i] = in.readInt();
      }
      int next = in.readUnsignedByte();
      int size = in.readUnsignedByte();
      if (next >= IntervalRing.CAPACITY || size > IntervalRing.CAPACITY) {
        throw new IOException("gap ring out of range");
      }
      r.gaps = new IntervalRing();
      r.gaps.restore(v, next, size);
    }
    return r;
  }
}
