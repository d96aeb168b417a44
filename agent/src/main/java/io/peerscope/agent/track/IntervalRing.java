package io.peerscope.agent.track;

/**
 * The most recent gaps between lookups of one client for one name, in milliseconds (an int holds
 * 24 days). Sixty-four gaps are enough for stable quartiles and keep a pair under half a KiB.
 */
public final class IntervalRing {
  public static final int CAPACITY = 64;

  private final int[] gaps = new int[CAPACITY];
  private int next;
  private int size;

  public void add(long gapMicros) {
    long ms = gapMicros / 1000;
    gaps[next] = (int) Math.min(Integer.MAX_VALUE, Math.max(0, ms));
    next = (next + 1) % CAPACITY;
    if (size < CAPACITY) {
      size++;
    }
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

  static int bytes() {
    return 16 + 16 + 4 * CAPACITY + 8;
  }

  int[] raw() {
    return gaps;
  }

  int next() {
    return next;
  }

  void restore(int[] values, int nextIndex, int count) {
    System.arraycopy(values, 0, gaps, 0, CAPACITY);
    next = nextIndex;
    size = count;
  }
}
