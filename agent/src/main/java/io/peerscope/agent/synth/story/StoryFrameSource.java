package io.peerscope.agent.synth.story;

import io.peerscope.agent.capture.CaptureStats;
import io.peerscope.agent.capture.FrameHandler;
import io.peerscope.agent.capture.FrameSource;
import io.peerscope.agent.capture.LinkType;
import io.peerscope.agent.metrics.Counter;
import io.peerscope.agent.metrics.Counters;

/**
 * The story capture of a {@link StoryPlan} as a {@link FrameSource}: frames are generated while
 * the pipeline consumes them, in the same order and with the same bytes as {@link
 * StoryCapture#write} puts into a file, so a plan with ten million flood lookups (about 2 GB of
 * pcap) replays without touching the disk. Counts {@code capture.frames} and {@code
 * capture.bytes} as the file reader does.
 */
public final class StoryFrameSource implements FrameSource {
  /** Frames between publications to the shared counters, as the file reader does. */
  private static final int PUBLISH_MASK = (1 << 12) - 1;

  private final StoryPlan plan;
  private final Counter framesCounter;
  private final Counter bytesCounter;
  private volatile boolean stopped;
  private volatile long publishedFrames;
  private long frames;
  private long bytes;
  private long publishedBytes;

  public StoryFrameSource(StoryPlan plan, Counters counters) {
    this.plan = plan;
    this.framesCounter = counters.counter("capture.frames");
    this.bytesCounter = counters.counter("capture.bytes");
  }

  /** Generates the whole story into the handler, or up to {@link #stop()}. Runs once. */
  @Override
  public void run(FrameHandler handler) {
    try {
      StoryCapture.write(plan, (ts, frame) -> deliver(handler, ts, frame), ts -> {});
    } catch (Stopped e) {
      // stop() was called: the frames so far were delivered, the rest is never generated
    } finally {
      publish();
    }
  }

  private void deliver(FrameHandler handler, long ts, byte[] frame) {
    if (stopped) {
      throw Stopped.INSTANCE;
    }
    handler.onFrame(LinkType.ETHERNET, ts, frame, 0, frame.length, frame.length);
    frames++;
    bytes += frame.length;
    if ((frames & PUBLISH_MASK) == 0) {
      publish();
    }
  }

  private void publish() {
    framesCounter.add(frames - publishedFrames);
    bytesCounter.add(bytes - publishedBytes);
    publishedFrames = frames;
    publishedBytes = bytes;
  }

  @Override
  public void stop() {
    stopped = true;
  }

  @Override
  public CaptureStats stats() {
    return new CaptureStats(publishedFrames, 0, 0);
  }

  @Override
  public void close() {
    stopped = true;
  }

  /** Unwinds the generator from inside its sink; carries no stack trace, it is not an error. */
  private static final class Stopped extends RuntimeException {
    static final Stopped INSTANCE = new Stopped();

    private Stopped() {
      super("story replay stopped", null, false, false);
    }
  }
}
