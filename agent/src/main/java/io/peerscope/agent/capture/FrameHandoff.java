package io.peerscope.agent.capture;

import io.peerscope.agent.metrics.Counter;
import io.peerscope.agent.metrics.Counters;
import java.util.concurrent.locks.LockSupport;

/**
 * Gives the frames of a capture thread to a pipeline thread of their own, through a bounded ring:
 * capturing through pcap4j costs much of a core (JNA copies every frame), so on a machine with a
 * core to spare for it (three or more: tracking takes the second) capture and processing run side
 * by side instead of one after the other, and a burst the pipeline cannot follow at once waits in
 * the ring instead of the kernel's buffer.
 *
 * <p>One producer (the thread calling {@link #onFrame}) and one consumer (started here). Frames are
 * copied into a byte slab, so the producer may reuse its buffer at once. When the ring is full the
 * producer waits, and libpcap's own buffer fills and counts its drops as before; each wait is
 * counted in {@code capture.handoff_waits}. A failure on the pipeline thread ends the capture:
 * the next {@link #onFrame} and {@link #finish()} throw it.
 */
public final class FrameHandoff implements FrameHandler, AutoCloseable {
  /** Default slab: thousands of full-size frames, tens of thousands of DNS ones. */
  public static final int DEFAULT_SLAB_BYTES = 8 << 20;
  public static final int DEFAULT_SLOTS = 1 << 15;
  public static final String THREAD_NAME = "peerscope-pipeline";
  private static final long PARK_NANOS = 50_000;
  private static final long MAX_IDLE_PARK_NANOS = 1_000_000;

  private final FrameHandler downstream;
  private final byte[] slab;
  private final int mask;
  private final long[] ts;
  private final int[] offset;
  private final int[] capLen;
  private final int[] wireLen;
  private final int[] linkType;
  /** Slab bytes each frame holds, padding to the slab's end included. */
  private final int[] cost;
  private final Counter waits;
  private final Counter oversized;
  private final Thread consumer;

  // written by the producer only
  private long head;
  private int writeOffset;
  private long writtenBytes;

  private volatile long published;
  private volatile long consumed;
  private volatile long freedBytes;
  private volatile boolean finished;
  private volatile Throwable failure;

  public FrameHandoff(FrameHandler downstream, Counters counters) {
    this(downstream, counters, DEFAULT_SLAB_BYTES, DEFAULT_SLOTS);
  }

  /** @param slots a power of two */
  public FrameHandoff(FrameHandler downstream, Counters counters, int slabBytes, int slots) {
    if (Integer.bitCount(slots) != 1 || slabBytes < 1) {
      throw new IllegalArgumentException("slots must be a power of two and the slab not empty");
    }
    this.downstream = downstream;
    this.slab = new byte[slabBytes];
    this.mask = slots - 1;
    this.ts = new long[slots];
    this.offset = new int[slots];
    this.capLen = new int[slots];
    this.wireLen = new int[slots];
    this.linkType = new int[slots];
    this.cost = new int[slots];
    this.waits = counters.counter("capture.handoff_waits");
    this.oversized = counters.counter("capture.handoff_oversized");
    this.consumer = new Thread(this::consume, THREAD_NAME);
    consumer.setDaemon(true);
    consumer.start();
  }

  @Override
  public void onFrame(int link, long tsMicros, byte[] buf, int off, int len, int wire) {
    rethrowFailure();
    if (len > slab.length) {
      // larger than the whole slab (a snap length above it): cannot be queued, so it is counted
      oversized.inc();
      return;
    }
    boolean wrap = writeOffset + len > slab.length;
    int pad = wrap ? slab.length - writeOffset : 0;
    long need = pad + len;
    if (head - consumed > mask || writtenBytes + need - freedBytes > slab.length) {
      waits.inc();
      while (head - consumed > mask || writtenBytes + need - freedBytes > slab.length) {
        rethrowFailure();
        LockSupport.parkNanos(PARK_NANOS);
      }
    }
    if (wrap) {
      writeOffset = 0;
    }
    System.arraycopy(buf, off, slab, writeOffset, len);
    int s = (int) head & mask;
    ts[s] = tsMicros;
    offset[s] = writeOffset;
    capLen[s] = len;
    wireLen[s] = wire;
    linkType[s] = link;
    cost[s] = (int) need;
    writeOffset += len;
    writtenBytes += need;
    head++;
    published = head; // a volatile write: the slot's fields above are visible to the consumer
  }

  private void consume() {
    long c = 0;
    long freed = 0;
    long idle = 0;
    try {
      while (true) {
        long p = published;
        if (c == p) {
          if (finished && published == c) {
            return;
          }
          // idle: spin a little, then sleep longer the longer nothing comes
          idle++;
          if (idle > 100) {
            LockSupport.parkNanos(Math.min(MAX_IDLE_PARK_NANOS, PARK_NANOS * (idle / 100)));
          } else {
            Thread.onSpinWait();
          }
          continue;
        }
        idle = 0;
        while (c < p) {
          int s = (int) c & mask;
          downstream.onFrame(linkType[s], ts[s], slab, offset[s], capLen[s], wireLen[s]);
          freed += cost[s];
          c++;
          if ((c & 255) == 0) {
            freedBytes = freed; // bytes first: the producer reads slots, then bytes
            consumed = c;
          }
        }
        freedBytes = freed;
        consumed = c;
      }
    } catch (Throwable t) {
      failure = t;
    }
  }

  private void rethrowFailure() {
    Throwable t = failure;
    if (t != null) {
      if (t instanceof RuntimeException r) {
        throw new IllegalStateException("the pipeline failed: " + r, r);
      }
      if (t instanceof Error e) {
        throw e;
      }
      throw new IllegalStateException("the pipeline failed: " + t, t);
    }
  }

  /** Frames given and not yet processed. */
  public long queued() {
    return published - consumed;
  }

  /**
   * Waits until the pipeline thread processed every frame given, then lets it end. Call on the
   * producer's thread after its last frame; rethrows a failure of the pipeline thread.
   */
  public void finish() throws InterruptedException {
    finished = true;
    consumer.join();
    rethrowFailure();
  }

  /** Ends the pipeline thread after the frames already given. */
  @Override
  public void close() {
    finished = true;
    try {
      consumer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
