package io.peerscope.agent.synth.story;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameQueueTest {
  private final List<Long> written = new ArrayList<>();
  private final List<Long> announced = new ArrayList<>();
  private final FrameQueue q = new FrameQueue((ts, frame) -> written.add(ts), announced::add);

  /** A query and its response, as the story writes a lookup. */
  private void lookup(long query, long response) {
    q.flushBefore(query);
    q.add(query, new byte[] {1});
    q.add(response, new byte[] {2});
  }

  @Test
  void slowResponseIsWrittenAfterLaterQueriesAndFastResponses() {
    // a 30 ms round trip, then two lookups inside it, the second with a 5 ms round trip: the
    // first response must wait for both queries although a later response (160) was queued
    lookup(100, 130);
    lookup(110, 160);
    lookup(120, 125);
    q.flushAll();

    assertThat(written).containsExactly(100L, 110L, 120L, 125L, 130L, 160L);
    assertThat(announced).isEqualTo(written);
    assertThat(q.frames()).isEqualTo(6);
  }

  @Test
  void framesOfEqualTimeKeepTheirOrder() {
    List<Byte> kinds = new ArrayList<>();
    FrameQueue ordered = new FrameQueue((ts, frame) -> kinds.add(frame[0]), ts -> {});
    ordered.add(100, new byte[] {1});
    ordered.add(100, new byte[] {2});
    ordered.add(100, new byte[] {3});
    ordered.flushBefore(101);

    assertThat(kinds).containsExactly((byte) 1, (byte) 2, (byte) 3);
  }

  @Test
  void nothingIsWrittenBeforeTheNextQueryTimeIsKnown() {
    lookup(100, 130);

    assertThat(written).isEmpty();
    q.flushBefore(130);
    assertThat(written).containsExactly(100L);
  }
}
