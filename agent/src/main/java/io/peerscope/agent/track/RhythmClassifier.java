package io.peerscope.agent.track;

/**
 * Classifies an hour-of-week histogram (UTC). The working day's time zone is inferred from the
 * circular mean of the hour of day: people's lookups centre on early afternoon, 13:00 local, the
 * middle of a 08:00-18:00 day (a lunch dip does not move the centre), so the offset is 13 minus
 * the mean UTC hour. The class then asks how much falls in that zone's Monday-Friday
 * 07:00-19:00.
 *
 * <p>An hour-of-week histogram cannot show regular gaps; periodicity is judged from the gaps of
 * (client, name) pairs ({@link BeaconScorer}) and handed in by the caller, and it wins over the
 * histogram's class: a program polling every five minutes also fills every hour of the day.
 */
public final class RhythmClassifier {
  static final double WORKDAY_CENTRE_HOUR = 13.0;
  static final int WORK_START = 7;
  static final int WORK_END = 19;
  /** Round the clock: lookups in nearly every hour and no pronounced peak. */
  static final int ROUND_THE_CLOCK_MIN_HOURS = 20;
  static final double ROUND_THE_CLOCK_MAX_CONCENTRATION = 0.35;

  private final int minEvents;
  private final double officeMinShare;

  public RhythmClassifier(int minEvents, double officeMinShare) {
    this.minEvents = minEvents;
    this.officeMinShare = officeMinShare;
  }

  public Rhythm classify(int[] hourOfWeek) {
    return classify(hourOfWeek, false);
  }

  /** @param periodic whether the lookups behind the histogram were found to come at regular gaps */
  public Rhythm classify(int[] hourOfWeek, boolean periodic) {
    if (hourOfWeek == null) {
      return new Rhythm(RhythmClass.INSUFFICIENT, 0, 0, 0, 0, 0);
    }
    long total = 0;
    double sin = 0;
    double cos = 0;
    int[] hod = new int[24];
    for (int i = 0; i < HourOfWeek.BINS; i++) {
      hod[i % 24] += hourOfWeek[i];
      total += hourOfWeek[i];
    }
    int active = 0;
    for (int h = 0; h < 24; h++) {
      if (hod[h] > 0) {
        active++;
      }
      double angle = 2 * Math.PI * (h + 0.5) / 24;
      sin += hod[h] * Math.sin(angle);
      cos += hod[h] * Math.cos(angle);
    }
    if (total == 0) {
      return new Rhythm(RhythmClass.INSUFFICIENT, 0, 0, 0, 0, 0);
    }
    double concentration = Math.hypot(sin, cos) / total;
    double meanHour = Math.atan2(sin, cos) * 24 / (2 * Math.PI);
    int offset = (int) Math.round(WORKDAY_CENTRE_HOUR - meanHour);
    offset = Math.floorMod(offset + 11, 24) - 11; // -11 .. +12
    long office = 0;
    for (int i = 0; i < HourOfWeek.BINS; i++) {
      int local = Math.floorMod(i + offset, HourOfWeek.BINS);
      int dow = local / 24;
      int h = local % 24;
      if (dow < 5 && h >= WORK_START && h < WORK_END) {
        office += hourOfWeek[i];
      }
    }
    double officeShare = (double) office / total;
    RhythmClass c;
    if (total < minEvents) {
      c = RhythmClass.INSUFFICIENT;
    } else if (periodic) {
      c = RhythmClass.PERIODIC;
    } else if (officeShare >= officeMinShare) {
      c = RhythmClass.OFFICE_HOURS;
    } else if (active >= ROUND_THE_CLOCK_MIN_HOURS
        && concentration <= ROUND_THE_CLOCK_MAX_CONCENTRATION) {
      c = RhythmClass.ROUND_THE_CLOCK;
    } else {
      c = RhythmClass.IRREGULAR;
    }
    return new Rhythm(c, offset, officeShare, active, concentration, total);
  }
}
