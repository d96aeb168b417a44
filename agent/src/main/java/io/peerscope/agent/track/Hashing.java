package io.peerscope.agent.track;

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

  /** Hash of a name's chars without allocating; names are already lower-cased. */
  static long name(String s) {
    return name(s, 0x84222325cbf29ce4L);
  }

  /**
   * The same keyed by a secret, the starting state: where two keys' states part, what would bring
   * them together again depends on the seed, so keys crafted to collide under one seed scatter
   * under another. For hash tables of wire keys.
   */
  static long name(String s, long seed) {
    long h = seed ^ s.length();
    int n = s.length();
    int i = 0;
    for (; i + 3 < n; i += 4) {
      long w = s.charAt(i) | ((long) s.charAt(i + 1) << 16) | ((long) s.charAt(i + 2) << 32)
          | ((long) s.charAt(i + 3) << 48);
      h = mix(h ^ w);
    }
    for (; i < n; i++) {
      h = (h ^ s.charAt(i)) * 0x100000001b3L;
    }
    return mix(h);
  }

  /** An address keyed by a secret: the low half goes through the mix with the seed first. */
  static long address(long hi, long lo, long seed) {
    return mix((hi ^ mix(seed)) + mix(lo ^ seed));
  }
}
