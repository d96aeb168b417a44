package io.peerscope.app.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The CPU time each stage of the pipeline spent over a run: the reading thread and the threads
 * behind the pipeline's handoffs, plus the collector's pauses. Throughput follows the busiest
 * stage, so this says which one limits a run, and whether processing costs more than capturing.
 * A handoff's thread ends with the run, and the CPU time of an ended thread cannot be asked for:
 * a watcher reads every stage about every millisecond and keeps each one's last reading.
 */
final class StageCpu implements AutoCloseable {
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final String readerName;
  private final long readerId;
  private final String[] names;
  private final long[] ids;
  private final long[] last;
  private final long readerStart;
  private final long gcStart;
  private final Thread watcher;
  private volatile boolean done;
  private long readerNanos = -1;
  private long gcMillis;

  /**
   * Starts watching: call on the reading thread, before the run.
   *
   * @param readerName what the reading thread is called in {@link #summary}
   * @param names the pipeline's own threads, looked for by name as they start
   */
  StageCpu(String readerName, String... names) {
    this.readerName = readerName;
    this.readerId = Thread.currentThread().getId();
    this.names = names.clone();
    this.ids = new long[names.length];
    this.last = new long[names.length];
    java.util.Arrays.fill(ids, -1);
    this.readerStart = threads.getCurrentThreadCpuTime();
    this.gcStart = gcMillisSoFar();
    watcher = new Thread(this::watch, "bench-stage-cpu");
    watcher.setDaemon(true);
    watcher.start();
  }

  private void watch() {
    long lastLookUp = System.nanoTime() - ThreadsByName.LOOK_UP_EVERY_NANOS;
    while (!done) {
      boolean missing = false;
      for (int i = 0; i < names.length; i++) {
        if (ids[i] >= 0) {
          long t = threads.getThreadCpuTime(ids[i]);
          if (t >= 0) {
            last[i] = t;
          }
        } else {
          missing = true;
        }
      }
      long now = System.nanoTime();
      if (missing && now - lastLookUp >= ThreadsByName.LOOK_UP_EVERY_NANOS) {
        // listing threads allocates: a stage not started yet is looked for again later
        lastLookUp = now;
        lookUp();
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void lookUp() {
    for (int i = 0; i < names.length; i++) {
      if (ids[i] < 0) {
        ids[i] = ThreadsByName.idOf(threads, names[i]);
      }
    }
  }

  /** Stops watching: call on the reading thread, right after the run. */
  @Override
  public void close() {
    if (readerNanos >= 0) {
      return;
    }
    if (Thread.currentThread().getId() != readerId) {
      throw new IllegalStateException("close on the reading thread");
    }
    readerNanos = threads.getCurrentThreadCpuTime() - readerStart;
    gcMillis = gcMillisSoFar() - gcStart;
    done = true;
    try {
      watcher.join(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** CPU nanoseconds per stage, the reader first; a stage whose thread never showed is left out. */
  Map<String, Long> nanos() {
    close();
    Map<String, Long> m = new LinkedHashMap<>();
    m.put(readerName, readerNanos);
    for (int i = 0; i < names.length; i++) {
      if (ids[i] >= 0) {
        m.put(names[i], last[i]);
      }
    }
    return m;
  }

  long gcMillis() {
    close();
    return gcMillis;
  }

  /** For example "CPU per packet: reader 450 ns, peerscope-track 630 ns; GC pauses 80 ms". */
  String summary(long packets) {
    StringBuilder sb = new StringBuilder("CPU per packet:");
    String sep = " ";
    for (Map.Entry<String, Long> e : nanos().entrySet()) {
      sb.append(sep).append(e.getKey()).append(' ')
          .append(packets > 0 ? Math.round((double) e.getValue() / packets) : 0).append(" ns");
      sep = ", ";
    }
    return sb.append(String.format(Locale.ROOT, "; GC pauses %d ms", gcMillis())).toString();
  }

  private static long gcMillisSoFar() {
    long sum = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      sum += Math.max(0, gc.getCollectionTime());
    }
    return sum;
  }
}
