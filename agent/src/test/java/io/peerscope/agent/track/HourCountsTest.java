package io.peerscope.agent.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Hour histograms held sparse while few hours are used: the same counts as 168 plain bins. */
class HourCountsTest {
  @Test
  void agreesWithPlainBinsWhateverTheOrderAndNumberOfHours() {
    SplittableRandom rnd = new SplittableRandom(11);
    for (int round = 0; round < 300; round++) {
      int spread = 1 + rnd.nextInt(HourOfWeek.BINS);
      int lookups = 1 + rnd.nextInt(400);
      int[] plain = new int[HourOfWeek.BINS];
      int[] h = HourCounts.empty();
      TrackParts parts = rnd.nextBoolean() ? new TrackParts() : null;
      for (int i = 0; i < lookups; i++) {
        int bin = rnd.nextInt(spread);
        plain[bin]++;
        h = HourCounts.add(h, bin, parts);
        assertThat(HourCounts.count(h, bin)).isEqualTo(plain[bin]);
      }
      assertThat(HourCounts.dense(h)).containsExactly(plain);
      int used = (int) java.util.Arrays.stream(plain).filter(c -> c > 0).count();
      assertThat(HourCounts.usedBins(h)).isEqualTo(used);
      // the form follows from the content: dense only past the sparse forms' sixteen bins
      assertThat(HourCounts.isDense(h)).isEqualTo(used > HourCounts.MAX_SPARSE_BINS);
    }
  }

  @Test
  void aFewHoursCostAFewBytesNotAllBins() {
    int[] h = HourCounts.empty();
    for (int bin : new int[] {9, 10, 11, 9, 10, 33}) {
      h = HourCounts.add(h, bin, null);
    }
    assertThat(HourCounts.bytes(h)).isLessThan(64);
    assertThat(HourCounts.bytes(h)).isLessThan(HourCounts.bytes(new int[HourOfWeek.BINS]) / 10);
  }

  @Test
  void equalHistogramsAreEqualArraysSoRecordsSaveTheSameBytes() throws IOException {
    int[] a = HourCounts.empty();
    int[] b = HourCounts.empty();
    for (int bin : new int[] {100, 3, 57, 3, 12}) {
      a = HourCounts.add(a, bin, null);
    }
    for (int bin : new int[] {3, 12, 3, 57, 100}) {
      b = HourCounts.add(b, bin, null);
    }
    assertThat(a).containsExactly(b);
    assertThat(saved(a)).isEqualTo(saved(b));
  }

  @Test
  void aSavedHistogramLoadsInTheFormItHadGrownInto() throws IOException {
    SplittableRandom rnd = new SplittableRandom(5);
    for (int used : new int[] {1, 4, 5, 8, 9, 16, 17, 90, HourOfWeek.BINS}) {
      int[] h = HourCounts.empty();
      for (int bin = 0; bin < used; bin++) {
        for (int k = rnd.nextInt(3); k >= 0; k--) {
          h = HourCounts.add(h, bin, null);
        }
      }
      byte[] bytes = saved(h);
      int[] loaded = StateIo.readHours(new DataInputStream(new ByteArrayInputStream(bytes)));
      assertThat(loaded).containsExactly(h);
    }
  }

  @Test
  void aClearedHistogramCountsFromZeroInItsForm() {
    int[] h = HourCounts.empty();
    for (int bin = 0; bin < 3; bin++) {
      h = HourCounts.add(h, bin, null);
    }
    HourCounts.clear(h);
    assertThat(HourCounts.usedBins(h)).isZero();
    h = HourCounts.add(h, 7, null);
    assertThat(HourCounts.dense(h)[7]).isEqualTo(1);
    assertThat(java.util.Arrays.stream(HourCounts.dense(h)).sum()).isEqualTo(1);
  }

  private static byte[] saved(int[] h) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    StateIo.writeHours(new DataOutputStream(bytes), h);
    return bytes.toByteArray();
  }
}
