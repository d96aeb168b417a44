package io.peerscope.wire;

import java.time.Instant;
import java.util.Map;

/**
 * The retained message on {@code peerscope/<sensor>/status}: {@code state} is {@code online} while
 * the agent runs, {@code offline} in its last will and on clean shutdown. Counters are the agent's
 * dotted counter names (packets, bytes, drops, parse errors by reason, transactions, published,
 * pending, ...).
 */
public record SensorStatus(
    int v, String sensor, String state, String version, Instant ts, Map<String, Long> counters) {

  public static final String ONLINE = "online";
  public static final String OFFLINE = "offline";

  public SensorStatus {
    counters = counters == null ? Map.of() : counters;
  }
}
