package io.peerscope.app.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.ThreadMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Allocation and heap readings of the current JVM: bytes allocated by this thread (HotSpot's
 * per-thread TLAB accounting, exact enough to tell 0 from 16 bytes per packet over millions of
 * packets), the peak heap in use since {@link #start()} (what the collector let accumulate, young
 * garbage included) and the largest heap left in use after a collection (what was really live).
 */
final class JvmProbe {
  private final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
  private final AtomicLong liveAfterGc = new AtomicLong();
  private final Set<String> heapPools =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP)
          .map(MemoryPoolMXBean::getName)
          .collect(Collectors.toSet());
  private long allocatedAtStart;
  private boolean listening;

  void start() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
    listenToCollections();
    liveAfterGc.set(0);
    allocatedAtStart = threads.getCurrentThreadAllocatedBytes();
  }

  long allocatedSinceStart() {
    return threads.getCurrentThreadAllocatedBytes() - allocatedAtStart;
  }

  /** Bytes allocated so far by the thread with this id (another thread may ask). */
  long allocatedBy(long threadId) {
    return threads.getThreadAllocatedBytes(threadId);
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
   * The largest heap occupancy right after a collection since {@link #start()}, counting a final
   * full collection made now: the live set, which configuration bounds and traffic must not grow.
   */
  double liveHeapMb() {
    System.gc();
    try {
      Thread.sleep(200); // collection notifications arrive on a service thread
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return liveAfterGc.get() / (1024.0 * 1024.0);
  }

  private void listenToCollections() {
    if (listening) {
      return;
    }
    listening = true;
    NotificationListener listener = (notification, handback) -> {
      if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
        return;
      }
      GarbageCollectionNotificationInfo info =
          GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
      long used = 0;
      for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
        if (heapPools.contains(e.getKey())) {
          used += e.getValue().getUsed();
        }
      }
      long u = used;
      liveAfterGc.accumulateAndGet(u, Math::max);
    };
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
      }
    }
  }
}
