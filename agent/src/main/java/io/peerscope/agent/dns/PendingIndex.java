package io.peerscope.agent.dns;

/**
 * The pending queries by {@link FlowKey}: open addressing with linear probing, so an insert
 * allocates nothing and a lookup usually touches one slot and one query. Each slot holds the head
 * of a same-key chain.
 *
 * <p>The array starts at {@link #INITIAL_SLOTS} and doubles while more than half of it is used,
 * up to twice the table's limit. A network's queries wait for their responses a few milliseconds,
 * so a few hundred are pending at a time: an array sized for the limit from the start spreads them
 * over a megabyte, and every query and response missed the cache for its slot. An array grown for
 * a burst keeps its size.
 *
 * <p>Clients choose ports and ids, so keys are attacker-influenced: {@link FlowKey} hashes with a
 * per-process random seed, and a load factor of at most one half keeps probe runs short.
 */
final class PendingIndex {
  static final int INITIAL_SLOTS = 1024;

  private final int maxSlots;
  private PendingQuery[] slots;
  private int mask;
  private int size;

  /** @param maxEntries most keys held at once; the array grows to at least twice as many slots */
  PendingIndex(int maxEntries) {
    maxSlots = Integer.highestOneBit(Math.min(Math.max(16, maxEntries), 1 << 28) * 2 - 1) << 1;
    slots = new PendingQuery[Math.min(INITIAL_SLOTS, maxSlots)];
    mask = slots.length - 1;
  }

  /** Slots in the array now. */
  int capacity() {
    return slots.length;
  }

  PendingQuery get(FlowKey key) {
    for (int i = key.hashCode() & mask; ; i = (i + 1) & mask) {
      PendingQuery q = slots[i];
      if (q == null || q.key.equals(key)) {
        return q;
      }
    }
  }

  /** Stores q under its key unless a query holds it already; returns that query, or null. */
  PendingQuery putIfAbsent(PendingQuery q) {
    int i = q.key.hashCode() & mask;
    for (; slots[i] != null; i = (i + 1) & mask) {
      if (slots[i].key.equals(q.key)) {
        return slots[i];
      }
    }
    slots[i] = q;
    if (++size > slots.length >> 1 && slots.length < maxSlots) {
      grow();
    }
    return null;
  }

  private void grow() {
    PendingQuery[] old = slots;
    slots = new PendingQuery[old.length << 1];
    mask = slots.length - 1;
    for (PendingQuery q : old) {
      if (q != null) {
        int i = q.key.hashCode() & mask;
        while (slots[i] != null) {
          i = (i + 1) & mask;
        }
        slots[i] = q;
      }
    }
  }

  /** Replaces the query stored under the key (present) by another with an equal key. */
  void replace(FlowKey key, PendingQuery with) {
    for (int i = key.hashCode() & mask; ; i = (i + 1) & mask) {
      if (slots[i].key.equals(key)) {
        slots[i] = with;
        return;
      }
    }
  }

  /** Removes the key (present), shifting back the entries of its probe run. */
  void remove(FlowKey key) {
    int i = key.hashCode() & mask;
    while (!slots[i].key.equals(key)) {
      i = (i + 1) & mask;
    }
    slots[i] = null;
    size--;
    for (int j = (i + 1) & mask; slots[j] != null; j = (j + 1) & mask) {
      int home = slots[j].key.hashCode() & mask;
      // the entry at j may move to the hole at i only if its home is not in (i, j] cyclically
      boolean stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
      if (!stays) {
        slots[i] = slots[j];
        slots[j] = null;
        i = j;
      }
    }
  }
}
