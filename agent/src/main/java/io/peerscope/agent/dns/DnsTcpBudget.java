package io.peerscope.agent.dns;

/**
 * Bytes that all DNS-over-TCP framers together may hold for messages split across segments. A
 * client that opens many connections and sends only the start of a 64 KiB message must not make
 * memory grow with the number of connections. One pipeline thread uses it: no locking.
 */
final class DnsTcpBudget {
  private final long max;
  private long used;

  DnsTcpBudget(long max) {
    this.max = max;
  }

  boolean tryReserve(int bytes) {
    if (used + bytes > max) {
      return false;
    }
    used += bytes;
    return true;
  }

  void release(int bytes) {
    used -= bytes;
  }

  long used() {
    return used;
  }
}
