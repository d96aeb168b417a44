package io.peerscope.agent.dns;

import io.peerscope.agent.capture.ClockListener;
import io.peerscope.agent.metrics.Counter;
import io.peerscope.agent.metrics.Counters;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * Gives DNS transactions and capture time to a listener on a thread of its own, through a bounded
 * ring: tracking costs more than capture, decoding and parsing together (its tables are far larger
 * than the processor's caches and most of its time is spent waiting for memory), so on a machine
 * with two cores or more it runs beside them instead of after them.
 *
 * <p>One producer at a time: the pipeline, whose lock orders the capture thread, the live idle
 * clock and the end. One consumer, started here. A transaction is copied into a slot of the ring
 * (its strings, addresses and lists are immutable, so the copy is shallow and allocates nothing);
 * clock ticks travel in the same ring, so the listener sees time and transactions in the order
 * the pipeline saw them. A producer may also fill the next slot in place ({@link #nextSlot}), and
 * hand that very instance over: it is then not copied. When the ring is full the producer waits, and each wait is counted in
 * {@code track.handoff_waits}: nothing is dropped. {@link #onEnd} returns once the listener has
 * processed everything given and its own end. A failure of the listener is rethrown on the
 * producer's next call, as it would have been thrown by a listener called directly.
 */
public final class DnsTransactionHandoff<L extends DnsTransactionListener & ClockListener>
    implements DnsTransactionListener, DnsTransactionSlots, ClockListener, AutoCloseable {
  /** Default ring: a few hundred milliseconds of a busy network's transactions. */
  public static final int DEFAULT_SLOTS = 1 << 14;
  public static final String THREAD_NAME = "peerscope-track";
  private static final byte TRANSACTION = 0;
  private static final byte TICK = 1;
  private static final byte END = 2;
  private static final long PARK_NANOS = 50_000;
  private static final long MAX_IDLE_PARK_NANOS = 1_000_000;
  private static final int SPINS = 100;
  /** The consumer tells its progress every this many slots, so the producer's waits are short. */
  private static final int REPORT_EVERY = 256;
  private static final long CLOSE_WAIT_MILLIS = 10_000;
  private static final VarHandle PUBLISHED;
  private static final VarHandle CONSUMED;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      PUBLISHED = l.findVarHandle(DnsTransactionHandoff.class, "published", long.class);
      CONSUMED = l.findVarHandle(DnsTransactionHandoff.class, "consumed", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final L listener;
  private final boolean listenerRetains;
  private final int mask;
  private final DnsTransaction[] transactions;
  private final byte[] kinds;
  private final long[] times;
  private final Counter waits;
  private final Thread consumer;

  /** Written by the producer only. */
  private long head;
  /** The consumer's progress as the producer last read it. */
  private long seenConsumed;
  private boolean ended;

  /** Written with release semantics: a slot's contents are visible once its index is. */
  @SuppressWarnings("unused")
  private long published;
  @SuppressWarnings("unused")
  private long consumed;
  private volatile boolean closing;
  private volatile Throwable failure;

  public DnsTransactionHandoff(L listener, Counters counters) {
    this(listener, counters, DEFAULT_SLOTS);
  }

  /** @param slots a power of two */
  public DnsTransactionHandoff(L listener, Counters counters, int slots) {
    if (slots < 2 || Integer.bitCount(slots) != 1) {
      throw new IllegalArgumentException("slots must be a power of two, at least 2: " + slots);
    }
    this.listener = listener;
    this.listenerRetains = listener.retainsTransactions();
    this.mask = slots - 1;
    this.transactions = new DnsTransaction[slots];
    for (int i = 0; i < slots; i++) {
      transactions[i] = new DnsTransaction();
    }
    this.kinds = new byte[slots];
    this.times = new long[slots];
    this.waits = counters.counter("track.handoff_waits");
    this.consumer = new Thread(this::consume, THREAD_NAME);
    consumer.setDaemon(true);
    consumer.start();
  }

  /** Copies what it is given: the caller may refill its instance at once. */
  @Override
  public boolean retainsTransactions() {
    return false;
  }

  /** The slot the next handover takes: a producer that fills it in place spares the copy. */
  @Override
  public DnsTransaction nextSlot() {
    return transactions[claim()];
  }

  @Override
  public void onTransaction(DnsTransaction t) {
    int s = claim();
    kinds[s] = TRANSACTION;
    if (transactions[s] != t) {
      transactions[s].fill(t);
    }
    publish();
  }

  @Override
  public void onTick(long nowMicros) {
    int s = claim();
    kinds[s] = TICK;
    times[s] = nowMicros;
    publish();
  }

  /** Hands over the end and waits until the listener has processed it. */
  @Override
  public void onEnd(long nowMicros) {
    if (ended) {
      return;
    }
    int s = claim();
    kinds[s] = END;
    times[s] = nowMicros;
    publish();
    ended = true;
    try {
      consumer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while tracking finished", e);
    }
    rethrowFailure();
  }

  /** Transactions and ticks given and not yet processed. */
  public long queued() {
    return (long) PUBLISHED.getAcquire(this) - (long) CONSUMED.getAcquire(this);
  }

  /**
   * Ends the consumer after what was given, without an end for the listener: for a pipeline that
   * stopped without reaching its end. Waits a while for it.
   */
  @Override
  public void close() {
    closing = true;
    LockSupport.unpark(consumer);
    try {
      consumer.join(CLOSE_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private int claim() {
    rethrowFailure();
    if (ended) {
      throw new IllegalStateException("the transaction handoff has ended");
    }
    if (head - seenConsumed > mask) {
      // the consumer's progress is read only when the ring looks full by what was read last:
      // its line is the other core's to write
      seenConsumed = (long) CONSUMED.getAcquire(this);
      if (head - seenConsumed > mask) {
        waits.inc();
        do {
          rethrowFailure();
          if (!consumer.isAlive()) {
            throw new IllegalStateException("the tracking thread has stopped");
          }
          LockSupport.parkNanos(PARK_NANOS);
          seenConsumed = (long) CONSUMED.getAcquire(this);
        } while (head - seenConsumed > mask);
      }
    }
    return (int) head & mask;
  }

  private void publish() {
    head++;
    PUBLISHED.setRelease(this, head);
  }

  private void consume() {
    // the fields in locals: this object's lines are the producer's to write with every handover,
    // and reading them again after each transaction would be a miss on the other core's line
    L listener = this.listener;
    boolean listenerRetains = this.listenerRetains;
    int mask = this.mask;
    byte[] kinds = this.kinds;
    DnsTransaction[] transactions = this.transactions;
    long[] times = this.times;
    long c = 0;
    long idle = 0;
    try {
      while (true) {
        long p = (long) PUBLISHED.getAcquire(this);
        if (c == p) {
          if (closing && (long) PUBLISHED.getAcquire(this) == c) {
            return;
          }
          // idle: spin a little, then sleep longer the longer nothing comes
          idle++;
          if (idle > SPINS) {
            LockSupport.parkNanos(Math.min(MAX_IDLE_PARK_NANOS, PARK_NANOS * (idle / SPINS)));
          } else {
            Thread.onSpinWait();
          }
          continue;
        }
        idle = 0;
        while (c < p) {
          int s = (int) c & mask;
          switch (kinds[s]) {
            case TRANSACTION -> {
              DnsTransaction t = transactions[s];
              listener.onTransaction(listenerRetains ? t.copy() : t);
            }
            case TICK -> listener.onTick(times[s]);
            default -> {
              listener.onEnd(times[s]);
              CONSUMED.setRelease(this, c + 1);
              return;
            }
          }
          c++;
          if ((c & (REPORT_EVERY - 1)) == 0) {
            CONSUMED.setRelease(this, c);
          }
        }
        CONSUMED.setRelease(this, c);
      }
    } catch (Throwable t) {
      failure = t;
    }
  }

  private void rethrowFailure() {
    Throwable t = failure;
    if (t == null) {
      return;
    }
    if (t instanceof Error e) {
      throw e;
    }
    throw new IllegalStateException("tracking failed: " + t, t);
  }

  /** For tests: whether the consumer thread still runs. */
  boolean consumerAlive() {
    return consumer.isAlive();
  }
}
