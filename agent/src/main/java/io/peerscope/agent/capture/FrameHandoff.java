package io.peerscope.agent.capture;

import io.peerscope.agent.metrics.Counter;
import io.peerscope.agent.metrics.Counters;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.concurrent.locks.LockSupport;

/**
 * Gives the frames of a capture thread to a pipeline thread of their own, through a bounded ring:
 * capturing through pcap4j costs much of a core (JNA copies every frame), so on a machine with a
 * core to spare for it (three or more: tracking takes the second) capture and processing run side
 * by side instead of one after the other, and a burst the pipeline cannot follow at once waits in
 * the ring instead of the kernel's buffer.
 *
 * <p>One producer (the thread calling {@link #onFrame}) and one consumer (started here). Each frame
 * is copied into a byte slab behind a header of its own (time, lengths, link type, slab bytes it
 * takes), so the producer may reuse its buffer at once and the consumer reads one stream of memory
 * in order, not a slab and five arrays beside it: every line it reads was last written by the
 * other core, and the hardware prefetcher follows one stream ahead of it. When the ring is full
 * the producer waits, and libpcap's own buffer fills and counts its drops as before; each wait is
 * counted in {@code capture.handoff_waits}. A failure on the pipeline thread ends the capture:
 * the next {@link #onFrame} and {@link #finish()} throw it.
 */
public final class FrameHandoff implements FrameHandler, AutoCloseable {
  /** Default slab: thousands of full-size frames, tens of thousands of DNS ones; frames up to 4 MiB. */
  public static final int DEFAULT_SLAB_BYTES = 8 << 20;
  public static final int DEFAULT_SLOTS = 1 << 15;
  public static final String THREAD_NAME = "peerscope-pipeline";
  private static final long PARK_NANOS = 50_000;
  private static final long MAX_IDLE_PARK_NANOS = 1_000_000;
  /** The consumer tells its progress every this many frames, so the producer's waits are short. */
  private static final int REPORT_EVERY = 256;
  /** Header before each frame: time (8), captured and wire length, link type, slab bytes taken. */
  static final int HEADER_BYTES = 24;
  private static final int TS_AT = 0;
  private static final int CAP_AT = 8;
  private static final int WIRE_AT = 12;
  private static final int LINK_AT = 16;
  private static final int COST_AT = 20;
  /** In the length of a header's place: no frame here, the next one starts the slab. */
  private static final int WRAPPED = -1;
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());
  private static final VarHandle PUBLISHED;
  private static final VarHandle CONSUMED;
  private static final VarHandle FREED;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      PUBLISHED = l.findVarHandle(FrameHandoff.class, "published", long.class);
      CONSUMED = l.findVarHandle(FrameHandoff.class, "consumed", long.class);
      FREED = l.findVarHandle(FrameHandoff.class, "freedBytes", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final FrameHandler downstream;
  private final byte[] slab;
  /** Frames in flight at most, less one. */
  private final int mask;
  private final Counter waits;
  private final Counter oversized;
  private final Thread consumer;

  // written by the producer only
  private long head;
  private int writeOffset;
  private long writtenBytes;
  /** The consumer's progress as last read: re-read only when the ring looks full by it. */
  private long seenConsumed;
  private long seenFreed;

  /** Written with release semantics: the frames before the index are visible once it is. */
  @SuppressWarnings("unused")
  private long published;
  @SuppressWarnings("unused")
  private long consumed;
  @SuppressWarnings("unused")
  private long freedBytes;
  private volatile boolean finished;
  private volatile Throwable failure;

  public FrameHandoff(FrameHandler downstream, Counters counters) {
    this(downstream, counters, DEFAULT_SLAB_BYTES, DEFAULT_SLOTS);
  }

  /** @param slots frames in flight at most, a power of two */
  public FrameHandoff(FrameHandler downstream, Counters counters, int slabBytes, int slots) {
    // a frame takes at most half the slab (see onFrame): the smallest slab holds one header and 8 bytes twice
    if (Integer.bitCount(slots) != 1 || slabBytes < 2 * (HEADER_BYTES + 8)) {
      throw new IllegalArgumentException("slots must be a power of two and the slab at least "
          + 2 * (HEADER_BYTES + 8) + " bytes: " + slots + " slots, " + slabBytes + " bytes");
    }
    this.downstream = downstream;
    // whole 8-byte records, so every header's time is aligned
    this.slab = new byte[slabBytes & ~7];
    this.mask = slots - 1;
    this.waits = counters.counter("capture.handoff_waits");
    this.oversized = counters.counter("capture.handoff_oversized");
    this.consumer = new Thread(this::consume, THREAD_NAME);
    consumer.setDaemon(true);
    consumer.start();
  }

  @Override
  public void onFrame(int link, long tsMicros, byte[] buf, int off, int len, int wire) {
    rethrowFailure();
    int record = (HEADER_BYTES + len + 7) & ~7;
    if (len > slab.length || record > slab.length / 2) {
      // larger than half the slab (a snap length above it): it might never fit beside the bytes
      // a wrap skips at the slab's end, so it is counted instead of queued
      oversized.inc();
      return;
    }
    boolean wrap = writeOffset + record > slab.length;
    int pad = wrap ? slab.length - writeOffset : 0;
    if (full(pad, record)) {
      seenConsumed = (long) CONSUMED.getAcquire(this);
      seenFreed = (long) FREED.getAcquire(this);
      if (full(pad, record)) {
        waits.inc();
        do {
          rethrowFailure();
          LockSupport.parkNanos(PARK_NANOS);
          seenConsumed = (long) CONSUMED.getAcquire(this);
          seenFreed = (long) FREED.getAcquire(this);
        } while (full(pad, record));
      }
    }
    long need = pad + record;
    if (wrap) {
      if (writeOffset <= slab.length - HEADER_BYTES) {
        INT.set(slab, writeOffset + CAP_AT, WRAPPED); // the consumer follows to the slab's start
      }
      writeOffset = 0;
    }
    int at = writeOffset;
    LONG.set(slab, at + TS_AT, tsMicros);
    INT.set(slab, at + CAP_AT, len);
    INT.set(slab, at + WIRE_AT, wire);
    INT.set(slab, at + LINK_AT, link);
    INT.set(slab, at + COST_AT, (int) need);
    System.arraycopy(buf, off, slab, at + HEADER_BYTES, len);
    writeOffset = at + record;
    writtenBytes += need;
    head++;
    // a release store: the header and bytes above are visible to the consumer with the index,
    // without the full fence a volatile store costs per frame
    PUBLISHED.setRelease(this, head);
  }

  /**
   * Whether the frame must wait. Wrapping to the slab's start skips the bytes left at its end,
   * which count as used until the consumer passes them: a record of at most half the slab always
   * fits once the consumer caught up, as the bytes skipped are fewer than its own.
   */
  private boolean full(int pad, int record) {
    return head - seenConsumed > mask || writtenBytes - seenFreed + pad + record > slab.length;
  }

  private void consume() {
    // the fields in locals: this object's lines are the producer's to write with every frame,
    // and reading them again after each frame would be a miss on the other core's line
    byte[] slab = this.slab;
    FrameHandler downstream = this.downstream;
    long c = 0;
    long freed = 0;
    long idle = 0;
    int readOffset = 0;
    try {
      while (true) {
        long p = (long) PUBLISHED.getAcquire(this);
        if (c == p) {
          if (finished && (long) PUBLISHED.getAcquire(this) == c) {
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
          if (readOffset > slab.length - HEADER_BYTES
              || (int) INT.get(slab, readOffset + CAP_AT) == WRAPPED) {
            readOffset = 0; // the producer wrapped: this frame's record starts the slab
          }
          int at = readOffset;
          int len = (int) INT.get(slab, at + CAP_AT);
          downstream.onFrame(
              (int) INT.get(slab, at + LINK_AT),
              (long) LONG.get(slab, at + TS_AT),
              slab,
              at + HEADER_BYTES,
              len,
              (int) INT.get(slab, at + WIRE_AT));
          readOffset = at + ((HEADER_BYTES + len + 7) & ~7);
          freed += (int) INT.get(slab, at + COST_AT);
          c++;
          if ((c & (REPORT_EVERY - 1)) == 0) {
            report(c, freed);
          }
        }
        report(c, freed);
      }
    } catch (Throwable t) {
      failure = t;
    }
  }

  /** Bytes first: the producer reads frames, then bytes. */
  private void report(long c, long freed) {
    FREED.setRelease(this, freed);
    CONSUMED.setRelease(this, c);
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
    return (long) PUBLISHED.getAcquire(this) - (long) CONSUMED.getAcquire(this);
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
