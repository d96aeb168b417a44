package io.peerscope.collector.store;

import java.time.Instant;

/**
 * Filters of {@code GET /api/findings}; null means "any". {@code subject} is an exact match,
 * {@code since} keeps findings whose last_seen is at or after it.
 */
public record FindingQuery(String kind, String sensor, String subject, Instant since, int limit) {

  public FindingQuery {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive");
    }
  }

  public static FindingQuery all(int limit) {
    return new FindingQuery(null, null, null, null, limit);
  }
}
