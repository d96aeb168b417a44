package io.peerscope.app.bench;

import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * Finds the pipeline's threads, which the bench knows by name only (they start inside the agent,
 * behind its handoffs). Listing every thread allocates and takes time, so callers look a name that
 * was not there yet up again only every {@link #LOOK_UP_EVERY_NANOS}.
 */
final class ThreadsByName {
  static final long LOOK_UP_EVERY_NANOS = 100_000_000L;

  private ThreadsByName() {}

  /** The id of a live thread of this name, or -1 when none runs (yet, or any more). */
  static long idOf(ThreadMXBean threads, String name) {
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().equals(name)) {
        return info.getThreadId();
      }
    }
    return -1;
  }
}
