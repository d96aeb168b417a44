package io.peerscope.agent.track;

import io.peerscope.agent.metrics.Counter;

/**
 * Holds a (client, name) pair's first sighting until its second: only pairs seen twice get a
 * table entry. Most pairs of a busy resolver, and every pair of a flood, are seen once; without
 * this each would cost an entry, a hash-map node and, once the table is full, an eviction.
 *
 * <p>A fixed array of (pair hash, first time) slots indexed by the pairs table's seeded hash of
 * the pair, side by side so that a sighting reads one cache line: a newcomer overwrites
 * whatever held its slot. A pair displaced before its second sighting enters the table one
 * sighting later than it could have, with a later first time; displacements are counted. The
 * array is allocated once, so memory does not follow traffic.
 */
final class PairDoorkeeper {
  /** Bytes per slot: the pair hash and the first time. */
  static final int SLOT_BYTES = 16;

  /** Slot i's pair hash at 2i (0: empty), its first sighting's time at 2i + 1. */
  private final long[] slots;
  private final int mask;
  private final Counter displaced;

  /**
   * @param bytes memory for the slots; rounded down to a power of two slots, at least 64
   * @param displaced counts first sightings overwritten before their second
   */
  PairDoorkeeper(long bytes, Counter displaced) {
    this.displaced = displaced;
    long slots = Long.highestOneBit(Math.max(64, bytes / SLOT_BYTES));
    slots = Math.min(slots, 1 << 28);
    this.slots = new long[2 * (int) slots];
    mask = (int) slots - 1;
  }

  /**
   * A sighting of the pair with this hash at ts: returns the first sighting's time when the pair
   * was held here (and lets it go), or -1 after holding this sighting as the first.
   */
  long admit(long pairHash, long ts) {
    return admit(pairHash, held(pairHash), ts);
  }

  /**
   * The same with {@link #held} read before: a caller that reads it early, beside its other
   * lookups, has the slot's cache miss overlap with theirs. No admission may come in between.
   */
  long admit(long pairHash, long held, long ts) {
    long h = key(pairHash);
    int i = index(h);
    if (held == h) {
      slots[i] = 0;
      return slots[i + 1];
    }
    if (held != 0) {
      displaced.inc();
    }
    slots[i] = h;
    slots[i + 1] = ts;
    return -1;
  }

  /** What the slot of this pair hash holds: a pair hash, or 0 when empty. */
  long held(long pairHash) {
    return slots[index(key(pairHash))];
  }

  /** 0 marks an empty slot: a pair hashing to 0 is held as 1, a collision like any other. */
  private static long key(long pairHash) {
    return pairHash == 0 ? 1 : pairHash;
  }

  private int index(long key) {
    return 2 * ((int) (key ^ (key >>> 32)) & mask);
  }

  long bytes() {
    return 32L + 16L + 8L * slots.length;
  }
}
