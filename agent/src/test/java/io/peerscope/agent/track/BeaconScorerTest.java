package io.peerscope.agent.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Periodicity scores of regular polling against random human lookups. */
class BeaconScorerTest {
  private static final long S = 1_000_000L;
  private final BeaconScorer scorer = new BeaconScorer();

  @Test
  void pollingEveryFiveMinutesWithSmallJitterScoresHigh() {
    IntervalRing ring = new IntervalRing();
    SplittableRandom r = new SplittableRandom(5);
    for (int i = 0; i < 200; i++) {
      ring.add(297 * S + r.nextInt(6_000_001));
    }
    BeaconScore s = scorer.score(ring, 288, 86_400 * S);
    assertThat(s.periodMillis()).isBetween(298_000L, 302_000L);
    assertThat(s.jitterMillis()).isLessThan(2_000);
    assertThat(s.score()).isGreaterThan(0.9);
    assertThat(s.gaps()).isEqualTo(IntervalRing.CAPACITY);
  }

  @Test
  void poissonLookupsAreNotPeriodic() {
    IntervalRing ring = new IntervalRing();
    SplittableRandom r = new SplittableRandom(6);
    for (int i = 0; i < 100; i++) {
      ring.add((long) (-Math.log(1 - r.nextDouble()) * 600 * S));
    }
    BeaconScore s = scorer.score(ring, 100, 60_000 * S);
    assertThat(s.relativeJitter()).isGreaterThan(0.3);
    assertThat(s.spreadScore()).isZero();
    assertThat(s.score()).isLessThan(0.8);
  }

  @Test
  void tooFewGapsGiveNoScore() {
    IntervalRing ring = new IntervalRing();
    ring.add(300 * S);
    ring.add(300 * S);
    assertThat(scorer.score(ring, 3, 600 * S)).isNull();
  }

  @Test
  void ringKeepsTheLatestGapsOldestFirst() {
    IntervalRing ring = new IntervalRing();
    for (int i = 1; i <= IntervalRing.CAPACITY + 3; i++) {
      ring.add(i * 1000L);
    }
    int[] out = new int[IntervalRing.CAPACITY];
    assertThat(ring.copyTo(out)).isEqualTo(IntervalRing.CAPACITY);
    assertThat(out[0]).isEqualTo(4);
    assertThat(out[IntervalRing.CAPACITY - 1]).isEqualTo(IntervalRing.CAPACITY + 3);
  }

  @Test
  void aGrowingRingKeepsEveryGapInOrder() {
    IntervalRing ring = new IntervalRing();
    int[] out = new int[IntervalRing.CAPACITY];
    for (int n = 1; n <= 20; n++) {
      ring.add(n * 1000L);
      assertThat(ring.copyTo(out)).isEqualTo(n);
      for (int i = 0; i < n; i++) {
        assertThat(out[i]).isEqualTo(i + 1);
      }
    }
    assertThat(ring.raw()).hasSize(IntervalRing.CAPACITY);
  }
}
