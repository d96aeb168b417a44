package io.peerscope.agent.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Classes of hour-of-week histograms and the inferred time zone of a working day. */
class RhythmClassifierTest {
  private final RhythmClassifier classifier = new RhythmClassifier(24, 0.85);

  /** Lookups at uniform times of 08:00-18:00 local, Monday to Friday, at the given offset. */
  static int[] officeHours(int utcOffset, int perDay, long seed) {
    int[] h = new int[HourOfWeek.BINS];
    SplittableRandom r = new SplittableRandom(seed);
    for (int day = 0; day < 5; day++) {
      for (int i = 0; i < perDay; i++) {
        int localHour = 8 + r.nextInt(10);
        int utcBin = Math.floorMod(day * 24 + localHour - utcOffset, HourOfWeek.BINS);
        h[utcBin]++;
      }
    }
    return h;
  }

  @Test
  void officeHoursOfUtcPlusThreeAreRecognisedWithTheirOffset() {
    Rhythm r = classifier.classify(officeHours(3, 40, 1));
    assertThat(r.rhythmClass()).isEqualTo(RhythmClass.OFFICE_HOURS);
    assertThat(r.utcOffsetHours()).isEqualTo(3);
    assertThat(r.utcOffset()).isEqualTo("+03:00");
    assertThat(r.officeShare()).isEqualTo(1.0);
  }

  @Test
  void officeHoursAcrossTheUtcDayBoundaryAreRecognisedToo() {
    for (int offset : new int[] {-8, -5, 0, 5, 9, 10}) {
      Rhythm r = classifier.classify(officeHours(offset, 40, offset + 100));
      assertThat(r.rhythmClass()).as("offset %d", offset).isEqualTo(RhythmClass.OFFICE_HOURS);
      assertThat(r.utcOffsetHours()).as("offset %d", offset).isEqualTo(offset);
    }
  }

  @Test
  void evenSpreadOverAllHoursIsRoundTheClock() {
    int[] h = new int[HourOfWeek.BINS];
    SplittableRandom r = new SplittableRandom(2);
    for (int i = 0; i < 2000; i++) {
      h[r.nextInt(HourOfWeek.BINS)]++;
    }
    Rhythm rhythm = classifier.classify(h);
    assertThat(rhythm.rhythmClass()).isEqualTo(RhythmClass.ROUND_THE_CLOCK);
    assertThat(rhythm.activeHoursOfDay()).isEqualTo(24);
  }

  @Test
  void regularGapsMakeAnyWeekPeriodicOnceThereAreEnoughLookups() {
    // a poll every five minutes fills every hour evenly: periodic, not round the clock
    int[] poll = new int[HourOfWeek.BINS];
    java.util.Arrays.fill(poll, 12);
    assertThat(classifier.classify(poll).rhythmClass()).isEqualTo(RhythmClass.ROUND_THE_CLOCK);
    assertThat(classifier.classify(poll, true).rhythmClass()).isEqualTo(RhythmClass.PERIODIC);
    assertThat(classifier.classify(poll, true).evidence()).containsEntry("class", "periodic");
    // too few lookups stay insufficient, periodic or not
    int[] few = new int[HourOfWeek.BINS];
    few[10] = 3;
    assertThat(classifier.classify(few, true).rhythmClass()).isEqualTo(RhythmClass.INSUFFICIENT);
  }

  @Test
  void weekendNightsAreNeitherOfficeNorRoundTheClock() {
    int[] h = new int[HourOfWeek.BINS];
    for (int hour = 1; hour < 5; hour++) {
      h[5 * 24 + hour] += 10; // Saturday 01:00-05:00 UTC
      h[6 * 24 + hour] += 10;
    }
    assertThat(classifier.classify(h).rhythmClass()).isEqualTo(RhythmClass.IRREGULAR);
  }

  @Test
  void fewLookupsAreInsufficient() {
    assertThat(classifier.classify(officeHours(3, 2, 3)).rhythmClass())
        .isEqualTo(RhythmClass.INSUFFICIENT);
    assertThat(classifier.classify(null).rhythmClass()).isEqualTo(RhythmClass.INSUFFICIENT);
  }

  @Test
  void hourOfWeekStartsOnMondayUtc() {
    long monday = java.time.Instant.parse("2016-05-02T00:30:00Z").getEpochSecond() * 1_000_000L;
    long sunday = java.time.Instant.parse("2016-05-08T23:59:59Z").getEpochSecond() * 1_000_000L;
    assertThat(HourOfWeek.index(monday)).isZero();
    assertThat(HourOfWeek.index(sunday)).isEqualTo(167);
  }
}
