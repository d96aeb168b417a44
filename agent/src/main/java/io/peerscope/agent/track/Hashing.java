package io.peerscope.agent.track;

import io.peerscope.agent.dns.NameHash;

/**
 * 64-bit mixing for sketches (HyperLogLog, the seen-names filter). Fixed constants keep the
 * sketches reproducible across restarts, so a saved sketch stays valid after loading.
 */
final class Hashing {
  private Hashing() {}

  /** The splitmix64 finalizer: every input bit affects every output bit. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  static long address(long hi, long lo) {
    return mix(hi * 0x9e3779b97f4a7c15L + mix(lo));
  }

  /**
   * Hash of a name under a fixed key, the same in every process (sketches and the seen filter
   * are saved); names are already lower-cased, so the {@link NameHash}'s folding changes none.
   */
  static long name(String s) {
    return name(s, 0x84222325cbf29ce4L);
  }

  /** The same under the given key. */
  static long name(String s, long seed) {
    return NameHash.of(s, seed);
  }

  /** An address keyed by a secret: the low half goes through the mix with the seed first. */
  static long address(long hi, long lo, long seed) {
    return mix((hi ^ mix(seed)) + mix(lo ^ seed));
  }
}
