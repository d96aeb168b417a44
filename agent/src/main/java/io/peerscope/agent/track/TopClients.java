package io.peerscope.agent.track;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The heaviest addresses (clients or organisation prefixes) of one name, by the space-saving
 * algorithm (Metwally, Agrawal, El Abbadi 2005): a newcomer replaces the lightest slot and
 * inherits its count as error bound, so a heavy long-lived peer keeps its slot however many
 * one-off peers pass by. Optionally keeps an hour-of-week histogram per slot, for the rhythm of
 * one organisation's lookups of one name.
 */
public final class TopClients {
  public static final int CAPACITY = 8;

  private final int capacity;
  /**
   * Slot i's address at 2i (high) and 2i+1 (low), its count at 2i and last time at 2i+1 of
   * {@link #counts}: a lookup that finds its peer touches two cache lines, not one per field.
   */
  private final long[] keys;
  private final long[] counts;
  private final long[] error;
  private final long[] first;
  private final int[][] hours;
  private int size;
  /** The slots' hour histograms' bytes, kept up to date: estimating must not visit each one. */
  private int hourBytes;
  /** Where a slot's first hour histogram comes from when it has none; null: allocated. */
  TrackParts parts;

  public TopClients(int capacity, boolean withRhythm) {
    if (capacity < 1 || capacity > CAPACITY) {
      throw new IllegalArgumentException("capacity 1.." + CAPACITY);
    }
    this.capacity = capacity;
    keys = new long[2 * capacity];
    counts = new long[2 * capacity];
    error = new long[capacity];
    first = new long[capacity];
    hours = withRhythm ? new int[capacity][] : null;
  }

  /**
   * Counts one lookup; returns the slot, or -1 - slot when the peer is new (took a free slot or
   * replaced the lightest). The caller learns whether the peer set overflowed from {@link
   * #isFull()} before the call.
   */
  public int add(long h, long l, long tsMicros) {
    for (int i = 0; i < size; i++) {
      if (keys[2 * i] == h && keys[2 * i + 1] == l) {
        counts[2 * i]++;
        counts[2 * i + 1] = tsMicros;
        tick(i, tsMicros);
        return i;
      }
    }
    int slot;
    long inherited = 0;
    if (size < capacity) {
      slot = size++;
    } else {
      slot = 0;
      for (int i = 1; i < size; i++) {
        if (counts[2 * i] < counts[2 * slot]) {
          slot = i;
        }
      }
      inherited = counts[2 * slot];
      if (hours != null) {
        // the newcomer's own lookups only: its histogram starts again from the smallest form
        dropHours(slot);
      }
    }
    keys[2 * slot] = h;
    keys[2 * slot + 1] = l;
    counts[2 * slot] = inherited + 1;
    counts[2 * slot + 1] = tsMicros;
    error[slot] = inherited;
    first[slot] = tsMicros;
    tick(slot, tsMicros);
    return -1 - slot;
  }

  private void tick(int slot, long tsMicros) {
    if (hours == null) {
      return;
    }
    int[] h = hours[slot];
    if (h == null) {
      // a peer's first lookup is its first time: the histogram waits for a second one, so the
      // many peers seen once per name cost no array each (hours(i) makes theirs when asked)
      if (counts[2 * slot] - error[slot] < 2) {
        return;
      }
      h = HourCounts.add(parts != null ? parts.hours() : HourCounts.empty(),
          HourOfWeek.index(first[slot]), parts);
    }
    setHours(slot, HourCounts.add(h, HourOfWeek.index(tsMicros), parts));
  }

  private void setHours(int slot, int[] h) {
    int[] old = hours[slot];
    if (old != h) {
      hourBytes += (h == null ? 0 : HourCounts.bytes(h)) - (old == null ? 0 : HourCounts.bytes(old));
      hours[slot] = h;
    }
  }

  private void dropHours(int slot) {
    if (parts != null) {
      parts.giveHours(hours[slot]);
    }
    setHours(slot, null);
  }

  public boolean isFull() {
    return size == capacity;
  }

  public int size() {
    return size;
  }

  public long hi(int i) {
    return keys[2 * i];
  }

  public long lo(int i) {
    return keys[2 * i + 1];
  }

  public long count(int i) {
    return counts[2 * i];
  }

  public long error(int i) {
    return error[i];
  }

  public long first(int i) {
    return first[i];
  }

  public long last(int i) {
    return counts[2 * i + 1];
  }

  /**
   * Hour-of-week histogram of a slot, all {@value HourOfWeek#BINS} bins (a copy while few are
   * used: for sweeps, not per lookup; not to be modified); null without rhythm.
   */
  public int[] hours(int i) {
    if (hours == null) {
      return null;
    }
    if (hours[i] == null && i < size) {
      // a peer with one lookup keeps its time only: its histogram is that one hour
      int[] one = new int[HourOfWeek.BINS];
      one[HourOfWeek.index(first[i])] = 1;
      return one;
    }
    return hours[i] == null ? null : HourCounts.dense(hours[i]);
  }

  public boolean contains(long h, long l) {
    return indexOf(h, l) >= 0;
  }

  public int indexOf(long h, long l) {
    for (int i = 0; i < size; i++) {
      if (keys[2 * i] == h && keys[2 * i + 1] == l) {
        return i;
      }
    }
    return -1;
  }

  /** Slots ordered by count, heaviest first (ties by address, so output is deterministic). */
  public int[] order() {
    Integer[] idx = new Integer[size];
    for (int i = 0; i < size; i++) {
      idx[i] = i;
    }
    java.util.Arrays.sort(idx, (a, b) -> {
      int c = Long.compare(count(b), count(a));
      if (c != 0) {
        return c;
      }
      c = Long.compareUnsigned(hi(a), hi(b));
      return c != 0 ? c : Long.compareUnsigned(lo(a), lo(b));
    });
    int[] out = new int[size];
    for (int i = 0; i < size; i++) {
      out[i] = idx[i];
    }
    return out;
  }

  /** Sum of the n heaviest counts. */
  public long topSum(int n) {
    int[] o = order();
    long s = 0;
    for (int i = 0; i < Math.min(n, o.length); i++) {
      s += count(o[i]);
    }
    return s;
  }

  /** Empties the slots; their hour histograms go back to the parts, for the next peers. */
  public void clear() {
    if (hours != null) {
      for (int i = 0; i < size; i++) {
        dropHours(i);
      }
    }
    size = 0;
  }

  int bytes() {
    int b = 16 + 2 * (16 + 16 * capacity) + 2 * (16 + 8 * capacity) + 8;
    if (hours != null) {
      b += 16 + 4 * capacity + hourBytes;
    }
    return b;
  }

  void write(DataOutput out) throws IOException {
    out.writeByte(size);
    for (int i = 0; i < size; i++) {
      out.writeLong(hi(i));
      out.writeLong(lo(i));
      out.writeLong(count(i));
      out.writeLong(error[i]);
      out.writeLong(first[i]);
      out.writeLong(last(i));
      if (hours != null) {
        StateIo.writeHours(out, hours[i]);
      }
    }
  }

  void read(DataInput in) throws IOException {
    int n = in.readUnsignedByte();
    if (n > capacity) {
      throw new IOException("top clients: " + n + " slots, capacity " + capacity);
    }
    size = n;
    for (int i = 0; i < n; i++) {
      keys[2 * i] = in.readLong();
      keys[2 * i + 1] = in.readLong();
      counts[2 * i] = in.readLong();
      error[i] = in.readLong();
      first[i] = in.readLong();
      counts[2 * i + 1] = in.readLong();
      if (hours != null) {
        setHours(i, StateIo.readHours(in));
      }
    }
  }
}
