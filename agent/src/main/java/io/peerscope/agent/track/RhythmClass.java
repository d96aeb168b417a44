package io.peerscope.agent.track;

/** How lookups of a name are spread over the week. */
public enum RhythmClass {
  /** Too few lookups to say. */
  INSUFFICIENT,
  /** Regular gaps: a program polling (beaconing). */
  PERIODIC,
  /** Concentrated in the working week of one time zone: people at work. */
  OFFICE_HOURS,
  /** Spread over all hours of the day: an automated process. */
  ROUND_THE_CLOCK,
  /** None of the above. */
  IRREGULAR;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
