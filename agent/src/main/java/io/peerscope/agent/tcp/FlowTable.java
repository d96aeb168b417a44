package io.peerscope.agent.tcp;

/**
 * Connections by their endpoints: open addressing with linear probing over a power-of-two array
 * (load at most one half), looked up with the packet's primitive fields so that finding a
 * connection allocates nothing. The hash is symmetric, so both directions land on the same slot
 * chain. Removal shifts later entries back instead of leaving tombstones (Knuth 6.4, algorithm
 * R), so long runs of churn never degrade lookups.
 *
 * <p>The table also keeps its flows in a list from least to most recently active: idle expiry
 * walks it from the old end and eviction takes the oldest, both in constant time per flow.
 */
final class FlowTable {
  private final Flow[] slots;
  private final int mask;
  private final int capacity;
  private int size;
  private Flow oldest;
  private Flow newest;

  FlowTable(int maxFlows) {
    int n = Integer.highestOneBit(Math.max(4, maxFlows) * 2 - 1) << 1;
    slots = new Flow[n];
    mask = n - 1;
    capacity = maxFlows;
  }

  static int hash(long aHi, long aLo, int aPort, long bHi, long bLo, int bPort) {
    long h = mix(aHi, aLo, aPort) + mix(bHi, bLo, bPort);
    h ^= h >>> 29;
    h *= 0xbf58476d1ce4e5b9L;
    return (int) (h ^ (h >>> 32));
  }

  private static long mix(long hi, long lo, int port) {
    long h = (hi * 0x9e3779b97f4a7c15L) ^ (lo * 0xc2b2ae3d27d4eb4fL) ^ (port * 0x165667b19e3779f9L);
    return h ^ (h >>> 31);
  }

  Flow find(long srcHi, long srcLo, int srcPort, long dstHi, long dstLo, int dstPort) {
    int i = hash(srcHi, srcLo, srcPort, dstHi, dstLo, dstPort) & mask;
    Flow f;
    while ((f = slots[i]) != null) {
      if (f.matches(srcHi, srcLo, srcPort, dstHi, dstLo, dstPort)) {
        return f;
      }
      i = (i + 1) & mask;
    }
    return null;
  }

  boolean full() {
    return size >= capacity;
  }

  int size() {
    return size;
  }

  Flow oldest() {
    return oldest;
  }

  void add(Flow f, long nowMicros) {
    int i = f.hash & mask;
    while (slots[i] != null) {
      i = (i + 1) & mask;
    }
    slots[i] = f;
    size++;
    f.lastSeenMicros = nowMicros;
    linkNewest(f);
  }

  /** Marks the flow as the most recently active. */
  void touch(Flow f, long nowMicros) {
    if (nowMicros > f.lastSeenMicros) {
      f.lastSeenMicros = nowMicros;
    }
    if (f != newest) {
      unlink(f);
      linkNewest(f);
    }
  }

  void remove(Flow f) {
    int i = f.hash & mask;
    while (slots[i] != f) {
      if (slots[i] == null) {
        return;
      }
      i = (i + 1) & mask;
    }
    unlink(f);
    size--;
    slots[i] = null;
    // shift back the entries of the same probe run that would no longer be reachable
    int hole = i;
    int j = (i + 1) & mask;
    Flow g;
    while ((g = slots[j]) != null) {
      int home = g.hash & mask;
      boolean reachable = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
      if (!reachable) {
        slots[hole] = g;
        slots[j] = null;
        hole = j;
      }
      j = (j + 1) & mask;
    }
  }

  private void linkNewest(Flow f) {
    f.older = newest;
    f.newer = null;
    if (newest != null) {
      newest.newer = f;
    } else {
      oldest = f;
    }
    newest = f;
  }

  private void unlink(Flow f) {
    if (f.older != null) {
      f.older.newer = f.newer;
    } else {
      oldest = f.newer;
    }
    if (f.newer != null) {
      f.newer.older = f.older;
    } else {
      newest = f.older;
    }
    f.older = null;
    f.newer = null;
  }
}
