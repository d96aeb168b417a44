package io.peerscope.agent.dns;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The answer section of one message as rendered values, filled by {@link DnsParser#decodeAnswers}.
 * TTLs and types are held unboxed; the immutable lists handed out with a transaction are shared
 * for the one-answer case most responses carry, as long as they hold the same value (a name's
 * answer usually repeats, and its value string is the DNS layer's recurring instance).
 */
public final class DnsAnswers {
  /** Direct-mapped caches of one-element lists; a collision just builds a new list. */
  private static final int CACHE_SLOTS = 8192;

  private final List<String> values = new ArrayList<>();
  private long[] ttls = new long[8];
  private int[] types = new int[8];

  @SuppressWarnings("unchecked")
  private final List<String>[] singleValues = new List[CACHE_SLOTS];

  @SuppressWarnings("unchecked")
  private final List<Long>[] singleTtls = new List[CACHE_SLOTS];

  @SuppressWarnings("unchecked")
  private final List<Integer>[] singleTypes = new List[CACHE_SLOTS];

  void clear() {
    values.clear();
  }

  void add(int type, String value, long ttl) {
    int n = values.size();
    if (n == ttls.length) {
      ttls = Arrays.copyOf(ttls, n * 2);
      types = Arrays.copyOf(types, n * 2);
    }
    ttls[n] = ttl;
    types[n] = type;
    values.add(value);
  }

  public int size() {
    return values.size();
  }

  public String value(int i) {
    return values.get(i);
  }

  public long ttl(int i) {
    if (i >= values.size()) {
      throw new IndexOutOfBoundsException(i);
    }
    return ttls[i];
  }

  public int type(int i) {
    if (i >= values.size()) {
      throw new IndexOutOfBoundsException(i);
    }
    return types[i];
  }

  /** Immutable copies, for a value that leaves the parser. */
  public List<String> valuesCopy() {
    int n = values.size();
    if (n == 1) {
      String v = values.get(0);
      int slot = System.identityHashCode(v) & (CACHE_SLOTS - 1);
      List<String> cached = singleValues[slot];
      if (cached == null || cached.get(0) != v) {
        cached = List.of(v);
        singleValues[slot] = cached;
      }
      return cached;
    }
    return n == 0 ? List.of() : List.copyOf(values);
  }

  public List<Long> ttlsCopy() {
    int n = values.size();
    if (n == 1) {
      long t = ttls[0];
      int slot = (int) (t ^ (t >>> 10)) & (CACHE_SLOTS - 1);
      List<Long> cached = singleTtls[slot];
      if (cached == null || cached.get(0) != t) {
        cached = List.of(t);
        singleTtls[slot] = cached;
      }
      return cached;
    }
    if (n == 0) {
      return List.of();
    }
    Long[] out = new Long[n];
    for (int i = 0; i < n; i++) {
      out[i] = ttls[i];
    }
    return List.of(out);
  }

  public List<Integer> typesCopy() {
    int n = values.size();
    if (n == 1) {
      int t = types[0];
      int slot = t & (CACHE_SLOTS - 1);
      List<Integer> cached = singleTypes[slot];
      if (cached == null || cached.get(0) != t) {
        cached = List.of(t);
        singleTypes[slot] = cached;
      }
      return cached;
    }
    if (n == 0) {
      return List.of();
    }
    Integer[] out = new Integer[n];
    for (int i = 0; i < n; i++) {
      out[i] = types[i];
    }
    return List.of(out);
  }
}
