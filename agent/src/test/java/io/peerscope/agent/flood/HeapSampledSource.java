package io.peerscope.agent.flood;

import io.peerscope.agent.capture.CaptureStats;
import io.peerscope.agent.capture.FrameHandler;
import io.peerscope.agent.capture.FrameSource;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * Passes every frame of another source through to the agent and, every {@code every} frames and
 * once after the last, collects the heap fully and records what is still in use. Sampling on the
 * capture thread between two frames puts every sample at a known point of the capture, with no
 * frame half processed.
 */
final class HeapSampledSource implements FrameSource {
  private final FrameSource source;
  private final long every;
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final List<HeapSample> samples = new ArrayList<>();
  private long frames;
  private long lastTs;

  HeapSampledSource(FrameSource source, long every) {
    this.source = source;
    this.every = every;
  }

  @Override
  public void run(FrameHandler handler) throws IOException {
    source.run((linkType, ts, buf, off, capLen, wireLen) -> {
      handler.onFrame(linkType, ts, buf, off, capLen, wireLen);
      frames++;
      lastTs = ts;
      if (frames % every == 0) {
        sample();
      }
    });
    // every frame is in the tables; the pipeline's end has not flushed or dropped anything yet
    sample();
  }

  /** The heap after a full collection now, recorded as a sample. */
  HeapSample sample() {
    HeapSample s = new HeapSample(frames, lastTs, usedAfterFullGc(memory));
    samples.add(s);
    return s;
  }

  static long usedAfterFullGc(MemoryMXBean memory) {
    // a full, stop-the-world collection with the default collectors (G1, Serial, Parallel); a
    // second one was measured to free nothing more here
    System.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }

  List<HeapSample> samples() {
    return samples;
  }

  @Override
  public void stop() {
    source.stop();
  }

  @Override
  public CaptureStats stats() {
    return source.stats();
  }

  @Override
  public void close() {
    source.close();
  }
}
