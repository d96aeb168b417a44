package io.peerscope.wire;

import java.time.Instant;
import java.util.Map;

/**
 * The periodic message on {@code peerscope/<sensor>/summary}: what the sensor saw during one
 * window of capture time (counter increments over the window, plus free-form highlights such as
 * the busiest names).
 */
public record SensorSummary(
    int v,
    String sensor,
    Instant windowStart,
    Instant windowEnd,
    Map<String, Long> counters,
    Map<String, Object> highlights) {

  public SensorSummary {
    counters = counters == null ? Map.of() : counters;
    highlights = highlights == null ? Map.of() : highlights;
  }
}
