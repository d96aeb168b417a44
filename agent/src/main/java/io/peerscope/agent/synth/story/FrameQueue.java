package io.peerscope.agent.synth.story;

import io.peerscope.agent.synth.FrameSink;
import java.util.PriorityQueue;
import java.util.function.LongConsumer;

/**
 * Keeps one capture in time order: a response is written a round-trip after its query, possibly
 * after later queries, so frames wait here until nothing earlier can come. Lookups arrive in the
 * order of their queries, so only a new query's time says what is safe to write: a response's
 * time does not, since the next query may still come before it.
 */
final class FrameQueue {
  private record Pending(long ts, long seq, byte[] frame) {}

  private final FrameSink out;
  private final LongConsumer beforeFrame;
  private final PriorityQueue<Pending> queue = new PriorityQueue<>((a, b) -> a.ts != b.ts
      ? Long.compare(a.ts, b.ts) : Long.compare(a.seq, b.seq));
  private long seq;
  private long frames;

  FrameQueue(FrameSink out, LongConsumer beforeFrame) {
    this.out = out;
    this.beforeFrame = beforeFrame;
  }

  /** Queues a frame without writing anything; frames of equal time keep their order. */
  void add(long ts, byte[] frame) {
    queue.add(new Pending(ts, seq++, frame));
  }

  /** Writes every queued frame older than ts: the caller promises to add nothing older. */
  void flushBefore(long ts) {
    while (!queue.isEmpty() && queue.peek().ts < ts) {
      Pending p = queue.poll();
      beforeFrame.accept(p.ts);
      out.write(p.ts, p.frame);
      frames++;
    }
  }

  void flushAll() {
    flushBefore(Long.MAX_VALUE);
  }

  long frames() {
    return frames;
  }
}
