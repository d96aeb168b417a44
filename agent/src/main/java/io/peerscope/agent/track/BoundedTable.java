package io.peerscope.agent.track;

import io.peerscope.agent.metrics.Counter;
import java.util.function.Consumer;

/**
 * A hash table held under a byte budget. Entries estimate their own size; when the sum passes
 * the budget, the lightest of five randomly sampled entries is evicted (sampled eviction as in
 * Redis' LFU policy: heavy, long-lived relationships practically never lose a draw against the
 * one-off names of a flood, and no global order has to be maintained per lookup).
 *
 * <p>Open addressing with linear probing over an array of keys interleaved with their entries and
 * an array of their 64-bit hashes: a lookup compares keys by identity first (the DNS layer hands
 * out one instance per recurring name and address), then by hash, and visits the entry it finds
 * only (no node per entry to allocate or to visit); a key and its entry share a cache line, so a
 * hit at home costs one line of the index, not two. Keys from the wire are attacker-chosen, so the
 * hash is seeded with a secret of this process ({@link KeyHash}): names crafted to share one
 * String.hashCode, or addresses crafted against a fixed mix, land all over the table. The index is
 * at most half full, and grows (rehashing stored hashes, no key visited) as the budget lets
 * entries in.
 */
final class BoundedTable<K, V extends TableEntry<K>> {
  /** A seeded 64-bit hash of a table's keys. */
  @FunctionalInterface
  interface KeyHash<K> {
    long of(K key);
  }

  /**
   * The entry's share of the index (two slots of entry, key and hash at half load) and of the
   * slot array, its hash field, rounded up.
   */
  static final int ENTRY_OVERHEAD = 64;
  private static final int SAMPLE = 5;
  private static final int MIN_INDEX = 512;

  private final KeyHash<K> hash;
  /** Slot i's key at 2i and its entry at 2i + 1; null keys are free slots. */
  private Object[] kv = new Object[2 * MIN_INDEX];
  private long[] hashes = new long[MIN_INDEX];
  private TableEntry<?>[] slots = new TableEntry<?>[256];
  private int size;
  private TableEntry<?>[] watched = new TableEntry<?>[64];
  private int watchedSize;
  private long bytes;
  private long budget;
  private final Counter evictions;
  private final Rng rng;
  /** Receives every evicted entry, for reuse; null when nobody reuses them. */
  private Consumer<V> evicted;

  BoundedTable(long budgetBytes, Counter evictions, Rng rng, KeyHash<K> hash) {
    this.budget = budgetBytes;
    this.evictions = evictions;
    this.rng = rng;
    this.hash = hash;
  }

  /** Hands each evicted entry to the consumer, once it left the table. */
  void onEvicted(Consumer<V> consumer) {
    this.evicted = consumer;
  }

  V get(K key) {
    return get(key, hash.of(key));
  }

  /** The same with the key's hash ({@link KeyHash#of}) already known. */
  @SuppressWarnings("unchecked")
  V get(K key, long h) {
    Object[] a = kv;
    int mask = hashes.length - 1;
    for (int i = (int) h & mask; ; i = (i + 1) & mask) {
      Object k = a[2 * i];
      if (k == null) {
        return null;
      }
      if (k == key) {
        return (V) a[2 * i + 1];
      }
      if (hashes[i] == h && k.equals(key)) {
        V entry = (V) a[2 * i + 1];
        // the next lookup by this instance is decided by identity
        if (entry.adoptKey(key)) {
          a[2 * i] = key;
        }
        return entry;
      }
    }
  }

  /** Adds a new entry (its key must be absent), evicting others while over budget. */
  void add(V entry) {
    add(entry, hash.of(entry.key()));
  }

  /** The same with the key's hash ({@link KeyHash#of}) already known. */
  void add(V entry, long h) {
    entry.accounted = entry.estimateBytes() + ENTRY_OVERHEAD;
    bytes += entry.accounted;
    entry.hash = h;
    if (2 * (size + 1) > hashes.length) {
      grow();
    }
    put(entry);
    if (size == slots.length) {
      slots = java.util.Arrays.copyOf(slots, size * 2);
    }
    entry.slot = size;
    slots[size++] = entry;
    trim(entry);
  }

  /** The entry grew or shrank: updates the byte count and evicts others if needed. */
  void reaccount(V entry) {
    int b = entry.estimateBytes() + ENTRY_OVERHEAD;
    if (b != entry.accounted) {
      bytes += b - entry.accounted;
      entry.accounted = b;
      if (bytes > budget) {
        trim(entry);
      }
    }
  }

  private void trim(V protect) {
    while (bytes > budget && size > 1) {
      TableEntry<?> victim = null;
      for (int i = 0; i < SAMPLE; i++) {
        TableEntry<?> e = slots[rng.nextInt(size)];
        if (e == protect) {
          continue;
        }
        if (victim == null
            || e.weight() < victim.weight()
            || (e.weight() == victim.weight() && e.lastSeen() < victim.lastSeen())) {
          victim = e;
        }
      }
      if (victim == null) {
        return;
      }
      @SuppressWarnings("unchecked")
      V v = (V) victim;
      remove(v);
      evictions.inc();
      if (evicted != null) {
        evicted.accept(v);
      }
    }
  }

  /**
   * Puts the entry on the watch list: the few entries heavy enough for detectors to examine at
   * each sweep, so a sweep costs what the candidates cost, not what a flood put in the table.
   */
  void watch(V entry) {
    if (entry.watchSlot >= 0 || entry.slot < 0) {
      return;
    }
    if (watchedSize == watched.length) {
      watched = java.util.Arrays.copyOf(watched, watchedSize * 2);
    }
    entry.watchSlot = watchedSize;
    watched[watchedSize++] = entry;
  }

  private void unwatch(TableEntry<?> entry) {
    int s = entry.watchSlot;
    if (s < 0) {
      return;
    }
    TableEntry<?> last = watched[--watchedSize];
    watched[s] = last;
    last.watchSlot = s;
    watched[watchedSize] = null;
    entry.watchSlot = -1;
  }

  /** Visits the watch list in its order. */
  @SuppressWarnings("unchecked")
  void forEachWatched(Consumer<V> action) {
    for (int i = 0; i < watchedSize; i++) {
      action.accept((V) watched[i]);
    }
  }

  int watchedSize() {
    return watchedSize;
  }

  /** Places an entry in the index, at the first free slot from its home. */
  private void put(TableEntry<?> entry) {
    int mask = hashes.length - 1;
    int i = (int) entry.hash & mask;
    while (kv[2 * i] != null) {
      i = (i + 1) & mask;
    }
    kv[2 * i] = entry.key();
    kv[2 * i + 1] = entry;
    hashes[i] = entry.hash;
  }

  private void grow() {
    Object[] old = kv;
    kv = new Object[old.length * 2];
    hashes = new long[hashes.length * 2];
    for (int i = 1; i < old.length; i += 2) {
      if (old[i] != null) {
        put((TableEntry<?>) old[i]);
      }
    }
  }

  /**
   * Takes an entry out of the index and moves later entries of its probe run back into the gap
   * (deletion without tombstones: Knuth's algorithm R), so lookups stay as short as at insertion.
   */
  private void unindex(TableEntry<?> entry) {
    int mask = hashes.length - 1;
    int gap = (int) entry.hash & mask;
    while (kv[2 * gap + 1] != entry) {
      gap = (gap + 1) & mask;
    }
    for (int j = (gap + 1) & mask; kv[2 * j] != null; j = (j + 1) & mask) {
      int home = (int) hashes[j] & mask;
      // the entry at j may move back to the gap unless its home lies cyclically in (gap, j]
      boolean stays = gap <= j ? (gap < home && home <= j) : (gap < home || home <= j);
      if (!stays) {
        kv[2 * gap] = kv[2 * j];
        kv[2 * gap + 1] = kv[2 * j + 1];
        hashes[gap] = hashes[j];
        gap = j;
      }
    }
    kv[2 * gap] = null;
    kv[2 * gap + 1] = null;
    hashes[gap] = 0;
  }

  void remove(V entry) {
    unwatch(entry);
    unindex(entry);
    int s = entry.slot;
    TableEntry<?> last = slots[--size];
    slots[s] = last;
    last.slot = s;
    slots[size] = null;
    entry.slot = -1;
    bytes -= entry.accounted;
  }

  /** Visits entries in slot order, which is deterministic for a given history. */
  @SuppressWarnings("unchecked")
  void forEach(Consumer<V> action) {
    for (int i = 0; i < size; i++) {
      action.accept((V) slots[i]);
    }
  }

  int size() {
    return size;
  }

  /** Estimated bytes held, including the table's own overhead per entry. */
  long bytes() {
    return bytes + 32L + 4L * slots.length + 4L * watched.length;
  }

  long budget() {
    return budget;
  }
}
