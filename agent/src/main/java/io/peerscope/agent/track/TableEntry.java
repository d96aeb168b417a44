package io.peerscope.agent.track;

/**
 * A record held by a {@link BoundedTable}: knows its key, its weight (what eviction protects) and
 * an estimate of its own size in bytes.
 */
abstract class TableEntry<K> {
  /** Position in the table's slot array; maintained by the table. */
  int slot = -1;
  /** Bytes the table currently accounts for this entry. */
  int accounted;
  /** The table's seeded hash of the key; set by the table when the entry is added. */
  long hash;
  /** Position in the table's watch list (entries detectors look at each sweep), or -1. */
  int watchSlot = -1;

  abstract K key();

  /**
   * Takes this instance of an equal key as its own, and says whether the table's index should
   * hold it too. A lookup by an equal key that is not the held instance compares contents each
   * time; after a restart every key is such a copy (read from the state file, never the DNS
   * layer's shared instance), and a heavy entry is never evicted to lose it. By default keys are
   * kept as they are.
   */
  boolean adoptKey(K equalKey) {
    return false;
  }

  /** Heavier entries survive eviction: usually the number of lookups. */
  abstract long weight();

  abstract long lastSeen();

  /** Shallow estimate of the entry's retained bytes, including its key. */
  abstract int estimateBytes();

  static int stringBytes(String s) {
    return 24 + 16 + s.length(); // String object + Latin-1 byte array (compact strings)
  }
}
