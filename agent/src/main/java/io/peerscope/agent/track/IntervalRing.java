package io.peerscope.agent.track;

/**
 * The most recent gaps between lookups of one client for one name, in milliseconds (an int holds
 * 24 days). Sixty-four gaps are enough for stable quartiles and keep a pair under half a KiB.
 * The array grows from {@link #INITIAL} as gaps arrive: most pairs are seen a few times only,
 * and a pair table of them then holds several times as many.
 */
public final class IntervalRing {
  public static final int CAPACITY = 64;
  static final int INITIAL = 4;

  private int[] gaps = new int[INITIAL];
  private int next;
  private int size;

  public void add(long gapMicros) {
    long ms = gapMicros / 1000;
    if (size == gaps.length && gaps.length < CAPACITY) {
      // full but below capacity: the gaps are in array order, oldest first, so the ring
      // continues right after them in the larger array
      gaps = java.util.Arrays.copyOf(gaps, gaps.length * 2);
      next = size;
    }
    gaps[next] = (int) Math.min(Integer.MAX_VALUE, Math.max(0, ms));
    next = (next + 1) % gaps.length;
    if (size < CAPACITY) {
      size++;
    }
  }

  /** Empty again, keeping the array it grew to: for a recycled pair. */
  void clear() {
    java.util.Arrays.fill(gaps, 0);
    next = 0;
    size = 0;
  }

  public int size() {
    return size;
  }

  /** Copies the gaps, oldest first, into out (length at least size); returns the count. */
  public int copyTo(int[] out) {
    int start = size < CAPACITY ? 0 : next;
    for (int i = 0; i < size; i++) {
      out[i] = gaps[(start + i) % CAPACITY];
    }
    return size;
  }

  int bytes() {
    return 16 + 16 + 4 * gaps.length + 8;
  }

  /** The gaps as saved: all {@link #CAPACITY} slots, the unused ones zero. */
  int[] raw() {
    return gaps.length == CAPACITY ? gaps : java.util.Arrays.copyOf(gaps, CAPACITY);
  }

  int next() {
    return next;
  }

  void restore(int[] values, int nextIndex, int count) {
    if (count < CAPACITY) {
      // never wrapped: sized as the ring that grew to hold these gaps
      int length = INITIAL;
      while (length < count) {
        length *= 2;
      }
      gaps = java.util.Arrays.copyOf(values, length);
      next = count % length;
    } else {
      gaps = java.util.Arrays.copyOf(values, CAPACITY);
      next = nextIndex;
    }
    size = count;
  }
}
