package io.peerscope.agent.track;

/**
 * Hour-of-week histograms that stay small while few hours are used. Most names and peers are
 * asked in a handful of hours over their whole life; a dense array of {@value HourOfWeek#BINS}
 * counts (688 bytes) each would spend most of the tracking budget on zeros.
 *
 * <p>One {@code int[]} holds either form, told apart by its length. Dense: length {@value
 * HourOfWeek#BINS}, one count per bin. Sparse: {@code h[0]} is the number of used bins k, then
 * (bin, count) pairs at {@code 1 + 2i} and {@code 2 + 2i}, sorted by bin, so equal histograms are
 * equal arrays whatever the order of their lookups. Sparse arrays hold 4, 8 or 16 bins; the
 * seventeenth used bin turns the histogram dense. Counts never fall, so a dense array always has
 * more than 16 bins in use: the form follows from the content.
 */
final class HourCounts {
  /** Lengths of the sparse forms, smallest first; index into {@link TrackParts}' pools. */
  static final int[] SPARSE_LENGTHS = {9, 17, 33};
  static final int MAX_SPARSE_BINS = 16;

  private HourCounts() {}

  /** An empty histogram in its smallest form. */
  static int[] empty() {
    return new int[SPARSE_LENGTHS[0]];
  }

  static boolean isDense(int[] h) {
    return h.length == HourOfWeek.BINS;
  }

  /**
   * Counts one lookup in bin; returns the array that holds the histogram from now on: {@code h}
   * itself, or a larger form taken from {@code parts} (null: allocated) when {@code h} was full,
   * in which case {@code h} goes back to {@code parts}.
   */
  static int[] add(int[] h, int bin, TrackParts parts) {
    if (isDense(h)) {
      h[bin]++;
      return h;
    }
    int k = h[0];
    int i = 0;
    while (i < k && h[1 + 2 * i] < bin) {
      i++;
    }
    if (i < k && h[1 + 2 * i] == bin) {
      h[2 + 2 * i]++;
      return h;
    }
    if (1 + 2 * (k + 1) > h.length) {
      int[] bigger = grow(h, parts);
      if (parts != null) {
        parts.giveHours(h);
      }
      return add(bigger, bin, parts);
    }
    // keep the pairs sorted: shift those above bin one pair up
    System.arraycopy(h, 1 + 2 * i, h, 3 + 2 * i, 2 * (k - i));
    h[1 + 2 * i] = bin;
    h[2 + 2 * i] = 1;
    h[0] = k + 1;
    return h;
  }

  private static int[] grow(int[] h, TrackParts parts) {
    int k = h[0];
    if (k >= MAX_SPARSE_BINS) {
      int[] dense = parts != null ? parts.hours(HourOfWeek.BINS) : new int[HourOfWeek.BINS];
      for (int i = 0; i < k; i++) {
        dense[h[1 + 2 * i]] = h[2 + 2 * i];
      }
      return dense;
    }
    int length = 1 + 4 * k;
    int[] bigger = parts != null ? parts.hours(length) : new int[length];
    System.arraycopy(h, 0, bigger, 0, 1 + 2 * k);
    return bigger;
  }

  /** The count of one bin. */
  static int count(int[] h, int bin) {
    if (isDense(h)) {
      return h[bin];
    }
    for (int i = 0; i < h[0]; i++) {
      if (h[1 + 2 * i] == bin) {
        return h[2 + 2 * i];
      }
    }
    return 0;
  }

  /**
   * The {@value HourOfWeek#BINS} bins: {@code h} itself when dense (not to be modified), a new
   * array otherwise. For detectors at a sweep, not for the per-lookup path.
   */
  static int[] dense(int[] h) {
    if (isDense(h)) {
      return h;
    }
    int[] d = new int[HourOfWeek.BINS];
    for (int i = 0; i < h[0]; i++) {
      d[h[1 + 2 * i]] = h[2 + 2 * i];
    }
    return d;
  }

  /** Bins with a nonzero count. */
  static int usedBins(int[] h) {
    if (!isDense(h)) {
      return h[0];
    }
    int n = 0;
    for (int c : h) {
      if (c != 0) {
        n++;
      }
    }
    return n;
  }

  /** Back to empty, in the same form. */
  static void clear(int[] h) {
    if (isDense(h)) {
      java.util.Arrays.fill(h, 0);
    } else {
      java.util.Arrays.fill(h, 0, 1 + 2 * h[0], 0);
    }
  }

  /**
   * A histogram of the given nonzero bins (ascending, as read from a state file), in the form it
   * would have grown into.
   */
  static int[] of(int[] bins, int[] counts, int n) {
    int[] h;
    if (n > MAX_SPARSE_BINS) {
      h = new int[HourOfWeek.BINS];
      for (int i = 0; i < n; i++) {
        h[bins[i]] = counts[i];
      }
      return h;
    }
    int length = SPARSE_LENGTHS[0];
    while (1 + 2 * n > length) {
      length = 2 * length - 1; // twice the pairs: 9, 17, 33
    }
    h = new int[length];
    h[0] = n;
    for (int i = 0; i < n; i++) {
      h[1 + 2 * i] = bins[i];
      h[2 + 2 * i] = counts[i];
    }
    return h;
  }

  static int bytes(int[] h) {
    return 16 + 4 * h.length;
  }
}
