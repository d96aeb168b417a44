package io.peerscope.agent;

import io.peerscope.agent.capture.FrameHandoff;
import io.peerscope.agent.capture.FrameSource;
import io.peerscope.agent.capture.LiveCaptureSource;
import io.peerscope.agent.capture.PcapFileSource;
import io.peerscope.agent.config.AgentConfig;
import io.peerscope.agent.metrics.Counters;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agent: a frame source (a file or a live interface) feeding the {@link Pipeline} built from
 * an {@link AgentConfig}, until the end of the file or {@link #stop()}. Then every component
 * flushes (pending DNS queries become unanswered lines, logs are written, the publisher waits a
 * bounded time for the broker's acknowledgements) and {@link #run()} returns the report.
 */
public final class Agent implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Agent.class);
  private static final long PROGRESS_SECONDS = 5;

  private final Counters counters;
  private final FrameSource source;
  private final AgentParts parts;
  private final boolean live;
  private final String what;
  private final PipelineThreads threads;
  private final ScheduledExecutorService timer;
  private volatile PrintStream progress;
  private volatile boolean stopRequested;
  private boolean closed;

  private Agent(Counters counters, FrameSource source, AgentParts parts, boolean live, String what,
      PipelineThreads threads) {
    this.counters = counters;
    this.threads = threads;
    this.source = source;
    this.parts = parts;
    this.live = live;
    this.what = what;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "peerscope-agent-timer");
              t.setDaemon(true);
              return t;
            });
  }

  /** An agent replaying a capture file; {@code NotACaptureException} when it is not one. */
  public static Agent forFile(AgentConfig config, Path file) throws IOException {
    Counters counters = new Counters();
    PcapFileSource source = PcapFileSource.open(file, counters);
    return assemble(config, counters, source, false, file.toString());
  }

  /**
   * An agent replaying frames of any other source as it replays a file (capture time from the
   * frames, state persisted only when a state directory is configured): a capture generated on
   * the fly, or pcap4j's offline reader in the benchmark. The source counts into {@code counters};
   * the agent closes it.
   */
  public static Agent forSource(AgentConfig config, Counters counters, FrameSource source, String what)
      throws IOException {
    return assemble(config, counters, source, false, what);
  }

  /** An agent capturing live on {@code capture.interface}. */
  public static Agent live(AgentConfig config) throws IOException {
    Counters counters = new Counters();
    FrameSource source = LiveCaptureSource.open(AgentParts.liveOptions(config.capture()), counters);
    return assemble(config, counters, source, true, "interface " + config.capture().iface());
  }

  private static Agent assemble(
      AgentConfig config, Counters counters, FrameSource source, boolean live, String what)
      throws IOException {
    try {
      PipelineThreads threads = PipelineThreads.forThisMachine(source.prefersHandoff());
      return new Agent(counters, source, AgentParts.build(config, counters, live, threads.tracking()),
          live, what, threads);
    } catch (IOException | RuntimeException e) {
      source.close();
      throw e;
    }
  }

  public Counters counters() {
    return counters;
  }

  /** Progress every few seconds (frames, rate, capture time) on this stream while running. */
  public void reportProgressTo(PrintStream out) {
    this.progress = out;
  }

  /**
   * Runs the source to its end (file) or until {@link #stop()} (live), then flushes everything.
   * Called once.
   */
  public AgentReport run() throws IOException {
    long startNanos = System.nanoTime();
    Pipeline pipeline = parts.pipeline();
    if (live) {
      // a quiet network must still time out its pending queries: capture time is wall time here
      timer.scheduleAtFixedRate(
          () -> pipeline.advanceClock(System.currentTimeMillis() * 1000), 1, 1, TimeUnit.SECONDS);
    }
    if (progress != null) {
      ProgressLine line = new ProgressLine(counters, pipeline, startNanos);
      timer.scheduleAtFixedRate(
          () -> progress.println(line.next()), PROGRESS_SECONDS, PROGRESS_SECONDS, TimeUnit.SECONDS);
    }
    LOG.info("agent started on {}", what);
    try {
      if (!stopRequested) {
        runSource(pipeline);
      }
    } finally {
      timer.shutdownNow();
      pipeline.end();
      parts.close();
    }
    long last = pipeline.captureTimeMicros();
    long first = pipeline.firstCaptureTimeMicros();
    Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
    LOG.info("agent stopped after {} s", elapsed.toSeconds());
    return new AgentReport(
        counters.snapshot(),
        last == 0 ? null : toInstant(first),
        last == 0 ? null : toInstant(last),
        elapsed);
  }

  /**
   * The source on this thread; behind a handoff when {@link PipelineThreads} gives capture a
   * thread of its own, so capturing and processing run side by side.
   */
  private void runSource(Pipeline pipeline) throws IOException {
    if (!threads.capture()) {
      source.run(pipeline::onFrame);
      return;
    }
    FrameHandoff handoff = new FrameHandoff(pipeline::onFrame, counters);
    try {
      source.run(handoff);
      handoff.finish();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while the pipeline finished");
    } finally {
      handoff.close();
    }
  }

  /** Asks {@link #run()} to finish: safe from a signal handler or any thread. */
  public void stop() {
    stopRequested = true;
    source.stop();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    timer.shutdownNow();
    parts.close();
    source.close();
  }

  static Instant toInstant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
  }

  /** "12345678 frames (1234567/s), 4567 DNS transactions, capture time 2016-05-02T06:12:00Z". */
  private static final class ProgressLine {
    private final Counters counters;
    private final Pipeline pipeline;
    private long lastFrames;
    private long lastNanos;

    ProgressLine(Counters counters, Pipeline pipeline, long startNanos) {
      this.counters = counters;
      this.pipeline = pipeline;
      this.lastNanos = startNanos;
    }

    String next() {
      long frames = counters.get("capture.frames");
      long now = System.nanoTime();
      double rate = (frames - lastFrames) / Math.max((now - lastNanos) / 1e9, 1e-9);
      lastFrames = frames;
      lastNanos = now;
      long ts = pipeline.captureTimeMicros();
      return String.format(
          Locale.ROOT,
          "peerscope agent: %d frames (%.0f/s), %d DNS transactions, capture time %s",
          frames,
          rate,
          counters.get("dns.transactions"),
          ts == 0 ? "-" : toInstant(ts).toString());
    }
  }
}
