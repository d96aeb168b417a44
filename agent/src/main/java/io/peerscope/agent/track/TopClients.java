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
   * All slots' numbers in one array, one object to reach instead of four: slot i's address at 2i
   * (high) and 2i+1 (low), then from {@link #countsAt} its count at 2i and last time at 2i+1, from
   * {@link #errorAt} its error bound at i, from {@link #firstAt} its first time at i. The addresses
   * a lookup scans are side by side, and the count it then updates follows them.
   */
  private final long[] numbers;
  private final int countsAt;
  private final int errorAt;
  private final int firstAt;
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
    numbers = new long[6 * capacity];
    countsAt = 2 * capacity;
    errorAt = 4 * capacity;
    firstAt = 5 * capacity;
    hours = withRhythm ? new int[capacity][] : null;
  }

  /**
   * Counts one lookup; returns the slot, or -1 - slot when the peer is new (took a free slot or
   * replaced the lightest). The caller learns whether the peer set overflowed from {@link
   * #isFull()} before the call.
   */
  public int add(long h, long l, long tsMicros) {
    for (int i = 0; i < size; i++) {
      if (numbers[2 * i] == h && numbers[2 * i + 1] == l) {
        numbers[countsAt + 2 * i]++;
        numbers[countsAt + 2 * i + 1] = tsMicros;
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
        if (numbers[countsAt + 2 * i] < numbers[countsAt + 2 * slot]) {
          slot = i;
        }
      }
      inherited = numbers[countsAt + 2 * slot];
      if (hours != null) {
        // the newcomer's own lookups only: its histogram starts again from the smallest form
        dropHours(slot);
      }
    }
    numbers[2 * slot] = h;
    numbers[2 * slot + 1] = l;
    numbers[countsAt + 2 * slot] = inherited + 1;
    numbers[countsAt + 2 * slot + 1] = tsMicros;
    numbers[errorAt + slot] = inherited;
    numbers[firstAt + slot] = tsMicros;
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
      if (numbers[countsAt + 2 * slot] - numbers[errorAt + slot] < 2) {
        return;
      }
      h = HourCounts.add(parts != null ? parts.hours() : HourCounts.empty(),
          HourOfWeek.index(numbers[firstAt + slot]), parts);
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
    return numbers[2 * i];
  }

  public long lo(int i) {
    return numbers[2 * i + 1];
  }

  public long count(int i) {
    return numbers[countsAt + 2 * i];
  }

  public long error(int i) {
    return numbers[errorAt + i];
  }

  public long first(int i) {
    return numbers[firstAt + i];
  }

  public long last(int i) {
    return numbers[countsAt + 2 * i + 1];
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
      one[HourOfWeek.index(numbers[firstAt + i])] = 1;
      return one;
    }
    return hours[i] == null ? null : HourCounts.dense(hours[i]);
  }

  public boolean contains(long h, long l) {
    return indexOf(h, l) >= 0;
  }

  public int indexOf(long h, long l) {
    for (int i = 0; i < size; i++) {
      if (numbers[2 * i] == h && numbers[2 * i + 1] == l) {
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
    int b = 16 + 4 * 4 + 16 + 6 * 8 * capacity + 8;
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
      out.writeLong(numbers[errorAt + i]);
      out.writeLong(numbers[firstAt + i]);
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
      numbers[2 * i] = in.readLong();
      numbers[2 * i + 1] = in.readLong();
      numbers[countsAt + 2 * i] = in.readLong();
      numbers[errorAt + i] = in.readLong();
      numbers[firstAt + i] = in.readLong();
      numbers[countsAt + 2 * i + 1] = in.readLong();
      if (hours != null) {
        setHours(i, StateIo.readHours(in));
      }
    }
  }
}
