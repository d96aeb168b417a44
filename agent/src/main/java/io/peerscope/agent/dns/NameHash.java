package io.peerscope.agent.dns;

import java.security.SecureRandom;

/**
 * A 64-bit hash of a name as DNS compares names: ASCII case folded (RFC 4343), so a name asked
 * in 0x20 random case hashes as its lower-case form. Keyed by a secret of this process: names
 * come from the wire, and names crafted to collide under one key scatter under another.
 *
 * <p>Taken on the thread that parsed the name ({@link DnsTransaction#queryHash()}), where its
 * chars are still in that core's cache: a tracker on another core then keys its tables by it
 * without fetching the name's bytes across.
 */
public final class NameHash {
  private static final long SEED = new SecureRandom().nextLong();

  private NameHash() {}

  /** The hash of {@code name}; equal for names that differ in ASCII case only. */
  public static long of(String name) {
    return of(name, SEED);
  }

  /**
   * The same under another key, the starting state: where two names' states part, what would
   * bring them together again depends on the key, so names crafted to collide under one key
   * scatter under another. A fixed key gives a hash that stays the same across restarts.
   */
  public static long of(String name, long key) {
    int n = name.length();
    long h = key ^ n;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      long w = fold(name.charAt(i)) | ((long) fold(name.charAt(i + 1)) << 16)
          | ((long) fold(name.charAt(i + 2)) << 32) | ((long) fold(name.charAt(i + 3)) << 48);
      h = mix(h ^ w);
    }
    for (; i < n; i++) {
      h = (h ^ fold(name.charAt(i))) * 0x100000001b3L;
    }
    return mix(h);
  }

  /** Whether the name holds an ASCII upper-case letter, that is, differs from its folded form. */
  public static boolean hasUpper(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        return true;
      }
    }
    return false;
  }

  private static int fold(char c) {
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
  }

  /** The splitmix64 finalizer: every input bit affects every output bit. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
