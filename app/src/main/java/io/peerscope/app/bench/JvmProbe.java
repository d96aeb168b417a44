package io.peerscope.app.bench;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Allocation and heap readings of the current JVM: bytes allocated by a thread (HotSpot's
 * per-thread TLAB accounting, exact enough to tell 0 from 16 bytes per packet over millions of
 * packets), the peak heap in use since {@link #start()} (what the collector let accumulate, young
 * garbage included, so it follows the JVM's heap sizing as much as the program) and the heap still
 * in use after a full collection (what the program really holds).
 */
final class JvmProbe {
  private final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
  private final Map<String, NamedThread> named = new ConcurrentHashMap<>();
  private long allocatedAtStart;

  void start() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
    allocatedAtStart = threads.getCurrentThreadAllocatedBytes();
  }

  long allocatedSinceStart() {
    return threads.getCurrentThreadAllocatedBytes() - allocatedAtStart;
  }

  /** Bytes allocated so far by the thread with this id (another thread may ask). */
  long allocatedBy(long threadId) {
    return threads.getThreadAllocatedBytes(threadId);
  }

  /**
   * Bytes allocated so far by the threads of these names (the pipeline's own threads behind its
   * handoffs), 0 for one not running; a name not found is looked for again at most every 100 ms,
   * and a thread that ended keeps its last reading.
   */
  long allocatedByThreadsNamed(String... names) {
    long sum = 0;
    for (String name : names) {
      sum += named.computeIfAbsent(name, NamedThread::new).allocated();
    }
    return sum;
  }

  /** One named thread's id, once found, and its last allocation reading. */
  private final class NamedThread {
    private final String name;
    private volatile long id = -1;
    private volatile long lastLookUp = System.nanoTime() - ThreadsByName.LOOK_UP_EVERY_NANOS;
    private volatile long lastBytes;

    NamedThread(String name) {
      this.name = name;
    }

    long allocated() {
      if (id < 0) {
        // listing every thread allocates: a thread not there yet is looked for again later
        long now = System.nanoTime();
        if (now - lastLookUp < ThreadsByName.LOOK_UP_EVERY_NANOS) {
          return 0;
        }
        lastLookUp = now;
        id = ThreadsByName.idOf(threads, name);
        if (id < 0) {
          return 0;
        }
      }
      long b = threads.getThreadAllocatedBytes(id);
      if (b >= 0) {
        lastBytes = b;
      }
      return lastBytes;
    }
  }

  /** Sum of the heap pools' peaks: an upper bound of what was in use at once. */
  double peakHeapMb() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak / (1024.0 * 1024.0);
  }

  /**
   * Heap in use after a full collection made now: call while the measured code still holds its
   * state (tables at their configured bounds), so that this is what it keeps, not what it threw.
   */
  double liveHeapMb() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
  }
}
