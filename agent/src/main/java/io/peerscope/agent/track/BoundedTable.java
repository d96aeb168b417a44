package io.peerscope.agent.track;

import io.peerscope.agent.metrics.Counter;
import java.util.HashMap;
import java.util.function.Consumer;

/**
 * A hash table held under a byte budget. Entries estimate their own size; when the sum passes
 * the budget, the lightest of five randomly sampled entries is evicted (sampled eviction as in
 * Redis' LFU policy: heavy, long-lived relationships practically never lose a draw against the
 * one-off names of a flood, and no global order has to be maintained per lookup).
 *
 * <p>Keys from the wire are attacker-chosen. java.util.HashMap turns a bin with many colliding
 * keys into a red-black tree when the key class is Comparable (String, IpAddress and PairKey
 * are), so crafted hash collisions cost O(log n) per lookup instead of O(n) (JEP 180).
 */
final class BoundedTable<K, V extends TableEntry<K>> {
  /** HashMap node, its share of the bucket array and of the slot array, with compressed oops. */
  static final int ENTRY_OVERHEAD = 56;
  private static final int SAMPLE = 5;

  private final HashMap<K, V> map = new HashMap<>();
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

  BoundedTable(long budgetBytes, Counter evictions, Rng rng) {
    this.budget = budgetBytes;
    this.evictions = evictions;
    this.rng = rng;
  }

  /** Hands each evicted entry to the consumer, once it left the table. */
  void onEvicted(Consumer<V> consumer) {
    this.evicted = consumer;
  }

  V get(K key) {
    return map.get(key);
  }

  /** Adds a new entry (its key must be absent), evicting others while over budget. */
  void add(V entry) {
    entry.accounted = entry.estimateBytes() + ENTRY_OVERHEAD;
    bytes += entry.accounted;
    map.put(entry.key(), entry);
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

  void remove(V entry) {
    unwatch(entry);
    map.remove(entry.key());
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
