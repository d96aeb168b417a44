package io.peerscope.agent.track;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rhythm of a set of lookups.
 *
 * @param utcOffsetHours the offset of the time zone whose working day best explains the lookups
 *     (meaningful for {@link RhythmClass#OFFICE_HOURS})
 * @param officeShare share of lookups in that zone's Monday-Friday 07:00-19:00
 * @param activeHoursOfDay hours of the day (0..24) with at least one lookup
 * @param concentration resultant length of the hour-of-day circular distribution (0 = flat, 1 =
 *     all in one hour)
 */
public record Rhythm(
    RhythmClass rhythmClass,
    int utcOffsetHours,
    double officeShare,
    int activeHoursOfDay,
    double concentration,
    long events) {

  public String utcOffset() {
    int h = Math.abs(utcOffsetHours);
    return (utcOffsetHours < 0 ? "-" : "+") + (h < 10 ? "0" : "") + h + ":00";
  }

  /** Evidence form: class, offset and shares, rounded for reading. */
  public Map<String, Object> evidence() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("class", rhythmClass.label());
    if (rhythmClass == RhythmClass.OFFICE_HOURS) {
      m.put("utc_offset", utcOffset());
      m.put("utc_offset_hours", utcOffsetHours);
    }
    m.put("office_share", Evidence.round(officeShare));
    m.put("active_hours_of_day", activeHoursOfDay);
    m.put("concentration", Evidence.round(concentration));
    return m;
  }
}
