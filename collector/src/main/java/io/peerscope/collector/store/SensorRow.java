package io.peerscope.collector.store;

import java.time.Instant;
import java.util.Map;

/**
 * One sensor as {@code GET /api/sensors} shows it. {@code state} is {@code online}, {@code
 * offline}, or {@code unknown} before the first status message; {@code lastSeen} is when the
 * collector last received anything from it. {@code summary} is the last summary message the
 * sensor published (its JSON as an object: window, counter increments, highlights such as the
 * busiest names), or null before the first one.
 */
public record SensorRow(
    String id,
    String state,
    Instant lastSeen,
    String version,
    Map<String, Object> counters,
    Map<String, Object> summary) {
  public static final String UNKNOWN = "unknown";
}
