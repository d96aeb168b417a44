package io.peerscope.agent.track;

/**
 * A (client, name) pair, the key of the pairs table. A pair record is its own key: a lookup that
 * finds its pair visits the record only, not a key object beside it. The tracker looks pairs up
 * with a reusable {@link Probe}. Two keys are equal when client and name are, whatever their
 * class (as two lists are). The table hashes keys with its own secret (TrackerState); hashCode is
 * for ordinary collections.
 */
interface PairKey {
  long hi();

  long lo();

  String name();

  static boolean same(PairKey a, Object o) {
    return o instanceof PairKey k && k.hi() == a.hi() && k.lo() == a.lo() && k.name().equals(a.name());
  }

  static int hash(PairKey k) {
    long h = k.hi() * 31 + k.lo();
    return (int) (h ^ (h >>> 32)) * 31 + k.name().hashCode();
  }

  /** A key for lookups, refilled for each one. */
  final class Probe implements PairKey {
    private long hi;
    private long lo;
    private String name;

    Probe(long hi, long lo, String name) {
      set(hi, lo, name);
    }

    Probe set(long h, long l, String n) {
      hi = h;
      lo = l;
      name = n;
      return this;
    }

    @Override
    public long hi() {
      return hi;
    }

    @Override
    public long lo() {
      return lo;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public boolean equals(Object o) {
      return same(this, o);
    }

    @Override
    public int hashCode() {
      return hash(this);
    }
  }
}
