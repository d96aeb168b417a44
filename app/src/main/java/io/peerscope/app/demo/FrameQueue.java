package io.peerscope.app.demo;

import io.peerscope.agent.synth.PcapWriter;
import java.util.PriorityQueue;

/**
 * Frames from several generators merged into capture-time order: a response is queued at its
 * own time and written only once everything earlier is out, as a real capture would have it.
 */
final class FrameQueue {
  private record Frame(long tsMicros, long seq, byte[] bytes) {}

  private final PriorityQueue<Frame> queue =
      new PriorityQueue<>((a, b) -> a.tsMicros != b.tsMicros ? Long.compare(a.tsMicros, b.tsMicros) : Long.compare(a.seq, b.seq));
  private final PcapWriter out;
  private long seq;

  FrameQueue(PcapWriter out) {
    this.out = out;
  }

  void add(long tsMicros, byte[] frame) {
    queue.add(new Frame(tsMicros, seq++, frame));
  }

  /** Writes every frame earlier than tsMicros. */
  void writeBefore(long tsMicros) {
    while (!queue.isEmpty() && queue.peek().tsMicros < tsMicros) {
      Frame f = queue.poll();
      out.write(f.tsMicros, f.bytes);
    }
  }

  void writeAll() {
    writeBefore(Long.MAX_VALUE);
  }
}
