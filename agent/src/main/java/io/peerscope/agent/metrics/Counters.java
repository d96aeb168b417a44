package io.peerscope.agent.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * All counters of one agent, by dotted name ({@code dns.parse_errors.truncated}). Components ask
 * for their counters once, at construction, and keep the {@link Counter}: nothing is looked up per
 * packet. The snapshot goes into the MQTT status message and the Prometheus text.
 */
public final class Counters {
  private final ConcurrentMap<String, Counter> byName = new ConcurrentHashMap<>();

  public Counter counter(String name) {
    return byName.computeIfAbsent(name, Counter::new);
  }

  /** Current values, sorted by name. */
  public Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    byName.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  public long get(String name) {
    Counter c = byName.get(name);
    return c == null ? 0 : c.get();
  }
}
