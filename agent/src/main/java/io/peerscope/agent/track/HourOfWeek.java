package io.peerscope.agent.track;

/**
 * Hour-of-week bins in UTC: bin 0 is Monday 00:00-01:00 UTC, bin 167 Sunday 23:00-24:00. The
 * epoch (1970-01-01) was a Thursday, hence the shift of three days.
 */
public final class HourOfWeek {
  public static final int BINS = 168;
  private static final long HOUR = 3_600_000_000L;

  private HourOfWeek() {}

  public static int index(long tsMicros) {
    long hours = Math.floorDiv(tsMicros, HOUR);
    long days = Math.floorDiv(hours, 24);
    int dow = (int) Math.floorMod(days + 3, 7);
    int hod = (int) Math.floorMod(hours, 24);
    return dow * 24 + hod;
  }

  /** Day number since the epoch, UTC. */
  public static long day(long tsMicros) {
    return Math.floorDiv(tsMicros, 24 * HOUR);
  }

  public static long sum(int[] bins) {
    long s = 0;
    for (int b : bins) {
      s += b;
    }
    return s;
  }
}
