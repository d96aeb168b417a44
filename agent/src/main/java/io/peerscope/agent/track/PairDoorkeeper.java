package io.peerscope.agent.track;

import io.peerscope.agent.metrics.Counter;

/**
 * Holds a (client, name) pair's first sighting until its second: only pairs seen twice get a
 * table entry. Most pairs of a busy resolver, and every pair of a flood, are seen once; without
 * this each would cost an entry, a hash-map node and, once the table is full, an eviction.
 *
 * <p>A fixed array of (pair hash, first time) slots indexed by the hash: a newcomer overwrites
 * whatever held its slot. A pair displaced before its second sighting enters the table one
 * sighting later than it could have, with a later first time; displacements are counted. The
 * array is allocated once, so memory does not follow traffic.
 */
final class PairDoorkeeper {
  /** Bytes per slot: the pair hash and the first time. */
  static final int SLOT_BYTES = 16;

  private final long[] hashes;
  private final long[] firstSeen;
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
    hashes = new long[(int) slots];
    firstSeen = new long[(int) slots];
    mask = (int) slots - 1;
  }

  /**
   * A sighting of the pair with this hash at ts: returns the first sighting's time when the pair
   * was held here (and lets it go), or -1 after holding this sighting as the first.
   */
  long admit(long pairHash, long ts) {
    // 0 marks an empty slot: a pair hashing to 0 is held as 1, a collision like any other
    long h = pairHash == 0 ? 1 : pairHash;
    int slot = (int) (h ^ (h >>> 32)) & mask;
    if (hashes[slot] == h) {
      hashes[slot] = 0;
      return firstSeen[slot];
    }
    if (hashes[slot] != 0) {
      displaced.inc();
    }
    hashes[slot] = h;
    firstSeen[slot] = ts;
    return -1;
  }

  long bytes() {
    return 32L + 2L * (16L + 8L * hashes.length);
  }

  /**
   * The name's String hash is cached in the string, so this costs two multiplications. Names
   * crafted to collide only let a pair in one sighting early, as every pair was before.
   */
  static long pairHash(long cHi, long cLo, String lowerName) {
    return Hashing.mix(Hashing.address(cHi, cLo) ^ lowerName.hashCode());
  }
}
