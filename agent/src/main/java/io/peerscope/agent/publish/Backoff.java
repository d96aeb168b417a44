package io.peerscope.agent.publish;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reconnection delays: doubling from min up to max, each drawn uniformly from the upper half of the
 * current step ("equal jitter") so a fleet of sensors cut off by the same outage does not come back
 * in lockstep.
 */
final class Backoff {
  private final long minNanos;
  private final long maxNanos;
  private long step;

  Backoff(Duration min, Duration max) {
    this.minNanos = min.toNanos();
    this.maxNanos = max.toNanos();
    this.step = minNanos;
  }

  long nextDelayNanos() {
    long current = step;
    step = Math.min(maxNanos, step * 2);
    long half = current / 2;
    return half + ThreadLocalRandom.current().nextLong(half + 1);
  }

  void reset() {
    step = minNanos;
  }
}
