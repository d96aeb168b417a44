package io.peerscope.collector.store;

import java.time.Instant;
import java.util.Map;

/**
 * One sensor as {@code GET /api/sensors} shows it. {@code state} is {@code online}, {@code
 * offline}, or {@code unknown} before the first status message; {@code lastSeen} is when the
 * collector last received anything from it.
 */
public record SensorRow(
    String id, String state, Instant lastSeen, String version, Map<String, Object> counters) {
  public static final String UNKNOWN = "unknown";
}
