package io.peerscope.agent.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Per-peer hour-of-week histograms: exact for every peer, an array only from a second lookup. */
class TopClientsRhythmTest {
  private static final long HOUR = 3_600_000_000L;
  /** 2023-11-13T00:00Z, a Monday. */
  private static final long MONDAY = 1_699_833_600_000_000L;

  @Test
  void aPeerSeenOnceHasItsOneHourWithoutHoldingAnArray() {
    TopClients top = new TopClients(4, true);
    top.add(1, 1, MONDAY + 9 * HOUR);
    assertThat(top.bytes()).isEqualTo(new TopClients(4, true).bytes());
    int[] h = top.hours(0);
    assertThat(Arrays.stream(h).sum()).isEqualTo(1);
    assertThat(h[HourOfWeek.index(MONDAY + 9 * HOUR)]).isEqualTo(1);
  }

  @Test
  void theSecondLookupCreditsTheFirstAndEveryLaterOneCounts() {
    TopClients top = new TopClients(4, true);
    top.add(1, 1, MONDAY + 9 * HOUR);
    top.add(1, 1, MONDAY + 10 * HOUR);
    top.add(1, 1, MONDAY + 10 * HOUR + 5);
    int[] h = top.hours(0);
    assertThat(h[HourOfWeek.index(MONDAY + 9 * HOUR)]).isEqualTo(1);
    assertThat(h[HourOfWeek.index(MONDAY + 10 * HOUR)]).isEqualTo(2);
    assertThat(Arrays.stream(h).sum()).isEqualTo(3);
    assertThat(top.bytes()).isGreaterThan(new TopClients(4, true).bytes());
  }

  @Test
  void aNewcomerInTheLightestSlotCountsItsOwnLookupsOnly() {
    TopClients top = new TopClients(1, true);
    top.add(1, 1, MONDAY + 9 * HOUR);
    top.add(1, 1, MONDAY + 9 * HOUR);
    top.add(2, 2, MONDAY + 14 * HOUR); // replaces peer 1, inheriting its count as error
    assertThat(top.count(0)).isEqualTo(3);
    int[] h = top.hours(0);
    assertThat(Arrays.stream(h).sum()).isEqualTo(1);
    assertThat(h[HourOfWeek.index(MONDAY + 14 * HOUR)]).isEqualTo(1);
    top.add(3, 3, MONDAY + 20 * HOUR); // replaces peer 2 (count 4 > error 3): one lookup of its own
    top.add(3, 3, MONDAY + 21 * HOUR);
    h = top.hours(0);
    assertThat(Arrays.stream(h).sum()).isEqualTo(2);
    assertThat(h[HourOfWeek.index(MONDAY + 20 * HOUR)]).isEqualTo(1);
    assertThat(h[HourOfWeek.index(MONDAY + 21 * HOUR)]).isEqualTo(1);
  }

  @Test
  void itsSizeFollowsTheHistogramsAsTheyGrowAndGo() {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
    for (TrackParts parts : new TrackParts[] {null, new TrackParts()}) {
      TopClients top = new TopClients(4, true);
      top.parts = parts;
      int grown = 0;
      for (int i = 0; i < 5_000; i++) {
        // a few heavy peers over many hours, and one-off peers replacing the lightest slot
        long peer = rnd.nextInt(10) < 7 ? rnd.nextInt(3) : 100 + i;
        top.add(0, peer, MONDAY + rnd.nextInt(HourOfWeek.BINS) * HOUR);
        grown = Math.max(grown, top.bytes());
      }
      assertThat(grown).isGreaterThan(new TopClients(4, true).bytes() + 3 * 4 * HourOfWeek.BINS);
      top.clear();
      assertThat(top.bytes()).isEqualTo(new TopClients(4, true).bytes());
    }
  }
}
