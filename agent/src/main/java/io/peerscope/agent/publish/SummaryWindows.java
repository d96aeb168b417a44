package io.peerscope.agent.publish;

import io.peerscope.agent.metrics.Counters;
import io.peerscope.wire.Finding;
import io.peerscope.wire.SensorSummary;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Cuts time into summary windows aligned on multiples of the interval (so two sensors' windows line
 * up) and reports each closed window as the counter increments over it. A gap longer than a window
 * (a quiet night in a replay) yields one summary, not one per empty window.
 */
final class SummaryWindows {
  private final String sensor;
  private final long intervalMicros;
  private final Counters counters;
  private final Supplier<Map<String, Object>> highlights;
  private Map<String, Long> previous = Map.of();
  private long windowStart = -1;

  SummaryWindows(
      String sensor,
      long intervalSeconds,
      Counters counters,
      Supplier<Map<String, Object>> highlights) {
    this.sensor = sensor;
    this.intervalMicros = intervalSeconds * 1_000_000L;
    this.counters = counters;
    this.highlights = highlights;
  }

  /** The summary of the window that time nowMicros closed, or null while it is still open. */
  synchronized SensorSummary onTick(long nowMicros) {
    if (windowStart < 0) {
      windowStart = align(nowMicros);
      previous = counters.snapshot();
      return null;
    }
    if (nowMicros < windowStart + intervalMicros) {
      return null;
    }
    SensorSummary s = summarize(windowStart + intervalMicros);
    windowStart = align(nowMicros);
    return s;
  }

  /** The summary of the last, partial window at the end of the capture, or null if none. */
  synchronized SensorSummary onEnd(long nowMicros) {
    if (windowStart < 0) {
      return null;
    }
    SensorSummary s = summarize(Math.max(nowMicros, windowStart));
    windowStart = -1;
    return s;
  }

  private SensorSummary summarize(long endMicros) {
    Map<String, Long> now = counters.snapshot();
    Map<String, Long> delta = new TreeMap<>();
    now.forEach(
        (name, value) -> {
          long d = value - previous.getOrDefault(name, 0L);
          if (d != 0) {
            delta.put(name, d);
          }
        });
    previous = now;
    return new SensorSummary(
        Finding.VERSION, sensor, instant(windowStart), instant(endMicros), delta, highlights.get());
  }

  private long align(long micros) {
    return Math.floorDiv(micros, intervalMicros) * intervalMicros;
  }

  private static Instant instant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
  }
}
