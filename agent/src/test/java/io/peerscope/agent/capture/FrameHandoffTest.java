package io.peerscope.agent.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerscope.agent.metrics.Counters;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The capture-to-pipeline ring: every frame, in order, intact, whatever the producer reuses. */
class FrameHandoffTest {

  @Test
  void everyFrameArrivesInOrderWithItsBytesThoughTheRingWrapsAndFills() throws Exception {
    Counters counters = new Counters();
    List<String> seen = new ArrayList<>();
    long[] sum = {0};
    // a slow consumer on a tiny ring: the producer must wait, and frames wrap around the slab
    FrameHandoff h = new FrameHandoff((link, ts, buf, off, len, wire) -> {
      int check = 0;
      for (int i = 0; i < len; i++) {
        check = check * 31 + buf[off + i];
      }
      seen.add(link + ":" + ts + ":" + len + ":" + wire + ":" + check);
      if (ts % 500 == 0) {
        Thread.onSpinWait();
        sum[0] += ts;
      }
    }, counters, 1000, 8);
    SplittableRandom rnd = new SplittableRandom(3);
    byte[] reused = new byte[400];
    List<String> sent = new ArrayList<>();
    for (int n = 0; n < 20_000; n++) {
      int len = rnd.nextInt(300);
      rnd.nextBytes(reused);
      int check = 0;
      for (int i = 0; i < len; i++) {
        check = check * 31 + reused[50 + i];
      }
      h.onFrame(n % 3, n, reused, 50, len, len + 4);
      sent.add(n % 3 + ":" + n + ":" + len + ":" + (len + 4) + ":" + check);
    }
    h.finish();
    assertThat(seen).isEqualTo(sent);
    assertThat(h.queued()).isZero();
    assertThat(counters.get("capture.handoff_waits")).isPositive();
  }

  @Test
  void aFrameLargerThanHalfTheSlabIsCountedNotQueued() throws Exception {
    Counters counters = new Counters();
    List<Integer> lens = new ArrayList<>();
    FrameHandoff h = new FrameHandoff((link, ts, buf, off, len, wire) -> lens.add(len), counters, 400, 4);
    h.onFrame(1, 1, new byte[500], 0, 500, 500);
    h.onFrame(1, 2, new byte[100], 0, 100, 100);
    // the largest frame queued takes half the slab with its header: twice, so the second wraps
    int largest = 400 / 2 - FrameHandoff.HEADER_BYTES;
    h.onFrame(1, 3, new byte[largest], 0, largest, largest);
    h.onFrame(1, 4, new byte[largest], 0, largest, largest);
    h.onFrame(1, 5, new byte[largest + 1], 0, largest + 1, largest + 1);
    h.finish();
    assertThat(lens).containsExactly(100, largest, largest);
    assertThat(counters.get("capture.handoff_oversized")).isEqualTo(2);
  }

  @Test
  void aFailureOfThePipelineEndsTheCapture() throws Exception {
    FrameHandoff h = new FrameHandoff((link, ts, buf, off, len, wire) -> {
      throw new IllegalStateException("boom");
    }, new Counters(), 1000, 8);
    h.onFrame(1, 1, new byte[10], 0, 10, 10);
    assertThatThrownBy(() -> {
      for (int i = 0; i < 1_000_000; i++) {
        h.onFrame(1, i, new byte[10], 0, 10, 10);
      }
    }).isInstanceOf(IllegalStateException.class).hasMessageContaining("boom");
    assertThatThrownBy(h::finish).hasMessageContaining("boom");
  }
}
