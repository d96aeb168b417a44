package io.peerscope.agent.synth.story;

import io.peerscope.agent.synth.PcapWriter;
import java.util.PriorityQueue;
import java.util.function.LongConsumer;

/**
 * Keeps one capture in time order: a response is written a round-trip after its query, possibly
 * after later queries, so frames wait here until nothing earlier can come.
 */
final class FrameQueue {
  private record Pending(long ts, long seq, byte[] frame) {}

  private final PcapWriter out;
  private final LongConsumer beforeFrame;
  private final PriorityQueue<Pending> queue = new PriorityQueue<>((a, b) -> a.ts != b.ts
      ? Long.compare(a.ts, b.ts) : Long.compare(a.seq, b.seq));
  private long seq;
  private long frames;

  FrameQueue(PcapWriter out, LongConsumer beforeFrame) {
    this.out = out;
    this.beforeFrame = beforeFrame;
  }

  /** Queues a frame; writes every queued frame older than ts first. */
  void add(long ts, byte[] frame) {
    flushBefore(ts);
    queue.add(new Pending(ts, seq++, frame));
  }

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
