package io.peerscope.agent.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Reconnection delays double from the minimum to the maximum, jittered within the upper half. */
class BackoffTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void delaysDoubleUpToTheMaximumWithinTheUpperHalfOfEachStep() {
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));
    long[] steps = {1, 2, 4, 8, 16, 32, 60, 60, 60};
    for (long step : steps) {
      long d = b.nextDelayNanos();
      assertThat(d).as("step of %d s", step).isBetween(step * SECOND / 2, step * SECOND);
    }
  }

  @Test
  void resetStartsOverFromTheMinimum() {
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));
    for (int i = 0; i < 10; i++) {
      b.nextDelayNanos();
    }
    b.reset();
    assertThat(b.nextDelayNanos()).isBetween(SECOND / 2, SECOND);
  }

  @Test
  void jitterSpreadsAFleetThatLostTheBrokerTogether() {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int sensor = 0; sensor < 200; sensor++) {
      Backoff b = new Backoff(Duration.ofSeconds(8), Duration.ofSeconds(60));
      long d = b.nextDelayNanos();
      min = Math.min(min, d);
      max = Math.max(max, d);
    }
    // 200 draws from [4 s, 8 s]: they do not all come back in the same second
    assertThat(max - min).isGreaterThan(SECOND);
  }
}
