package io.peerscope.app.bench;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Allocation and heap readings of the current JVM: bytes allocated by a thread (HotSpot's
 * per-thread TLAB accounting, exact enough to tell 0 from 16 bytes per packet over millions of
 * packets), the peak heap in use since {@link #start()} (what the collector let accumulate, young
 * garbage included, so it follows the JVM's heap sizing as much as the program) and the heap still
 * in use after a full collection (what the program really holds).
 */
final class JvmProbe {
  private final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
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
   * Bytes allocated so far by the live thread of this name, 0 while there is none; the id is
   * looked up once. For the pipeline thread behind a capture handoff.
   */
  long allocatedByThreadNamed(String name) {
    long id = namedThreadId;
    if (id < 0) {
      for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
        if (info != null && info.getThreadName().equals(name)) {
          id = info.getThreadId();
          namedThreadId = id;
          break;
        }
      }
    }
    if (id < 0) {
      return 0;
    }
    long b = threads.getThreadAllocatedBytes(id);
    if (b >= 0) {
      lastNamedThreadBytes = b;
    }
    // a thread that ended reads -1: its last reading stands
    return lastNamedThreadBytes;
  }

  private volatile long namedThreadId = -1;
  private volatile long lastNamedThreadBytes;

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
