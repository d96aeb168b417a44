package io.peerscope.agent.track;

import java.util.Arrays;

/**
 * Scores the gaps of an {@link IntervalRing} (RITA, "beacon analysis": Bowley skewness of the
 * gaps, their median absolute deviation, connection count and duration). Reuses its scratch
 * arrays: one scorer per thread.
 */
public final class BeaconScorer {
  private static final long DAY_MILLIS = 86_400_000L;
  private final int[] scratch = new int[IntervalRing.CAPACITY];
  private final int[] deviations = new int[IntervalRing.CAPACITY];

  /**
   * @param count lookups by the pair over its whole life
   * @param spanMicros last minus first lookup
   * @return null when there are fewer than four gaps
   */
  public BeaconScore score(IntervalRing ring, long count, long spanMicros) {
    int n = ring.copyTo(scratch);
    if (n < 4) {
      return null;
    }
    Arrays.sort(scratch, 0, n);
    long q1 = scratch[n / 4];
    long median = scratch[n / 2];
    long q3 = scratch[(3 * n) / 4];
    double bowley = 0;
    if (q3 > q1 && median != q1 && median != q3) {
      bowley = (q1 + q3 - 2.0 * median) / (q3 - q1);
    }
    for (int i = 0; i < n; i++) {
      deviations[i] = (int) Math.abs(scratch[i] - median);
    }
    Arrays.sort(deviations, 0, n);
    long madm = deviations[n / 2];
    double spread = median == 0 ? 0 : Math.max(0, 1 - ((double) madm / median) / 0.25);
    double spanMillis = spanMicros / 1000.0;
    double expected = median == 0 ? Double.MAX_VALUE : spanMillis / median + 1;
    double countScore = Math.min(1.0, count / Math.max(1.0, expected));
    double duration = Math.min(1.0, spanMillis / DAY_MILLIS);
    return new BeaconScore(median, madm, 1 - Math.min(1, Math.abs(bowley)), spread, countScore,
        duration, n);
  }
}
