package io.peerscope.agent.track;

/**
 * Key of a (client, name) pair. Mutable for the tracker's reusable lookup probe and for a pair
 * record reused after its eviction; keys in the table are never changed. The table hashes it with
 * its own secret (TrackerState); hashCode is for ordinary collections.
 */
final class PairKey implements Comparable<PairKey> {
  long hi;
  long lo;
  String name;

  PairKey(long hi, long lo, String name) {
    this.hi = hi;
    this.lo = lo;
    this.name = name;
  }

  PairKey set(long h, long l, String n) {
    hi = h;
    lo = l;
    name = n;
    return this;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PairKey k && k.hi == hi && k.lo == lo && k.name.equals(name);
  }

  @Override
  public int hashCode() {
    long h = hi * 31 + lo;
    return (int) (h ^ (h >>> 32)) * 31 + name.hashCode();
  }

  @Override
  public int compareTo(PairKey o) {
    int c = Long.compare(hi, o.hi);
    if (c == 0) {
      c = Long.compare(lo, o.lo);
    }
    return c != 0 ? c : name.compareTo(o.name);
  }
}
