package io.peerscope.agent.dns;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Hands out the same String for text that recurs on the wire (the names a network asks for again
 * and again, the addresses they resolve to) instead of a fresh copy per message. Two-way
 * set-associative by a seeded hash of the bytes, taken eight at a time (String's own hash takes
 * them one by one, each step waiting for the last); the sets keep those hashes beside the
 * strings, so a way that holds another text is passed over without visiting its String. A hit
 * costs the hash and one comparison; a newcomer takes the first way and pushes the holder to the
 * second. Bounded by {@link #SLOTS} strings of at most {@link #MAX_CHARS} chars. One instance per
 * parser, used by one pipeline thread.
 */
final class RecurringStrings {
  static final int SLOTS = 1 << 17;
  static final int MAX_CHARS = 128;
  private static final long MUL = 0x9e3779b97f4a7c15L;
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final String[] slots = new String[SLOTS];
  private final long[] hashes = new long[SLOTS];
  /** Per instance, so that names crafted to share a set on one sensor do not on another. */
  private final long seed = ThreadLocalRandom.current().nextLong();
  /** Where a name's plain bytes are gathered before the lookup. */
  final byte[] bytes = new byte[DnsNames.MAX_NAME_OCTETS + 1];
  /** Where the builder path's ASCII text is turned into bytes. */
  private final byte[] chars = new byte[MAX_CHARS];

  /**
   * The text of {@code b[0..n)}, bytes that stand for themselves (printable ASCII, so Latin-1
   * and the String's chars agree): the one handed out before when it is still held. No builder,
   * no escaping pass.
   */
  String of(byte[] b, int n) {
    if (n > MAX_CHARS) {
      return new String(b, 0, n, StandardCharsets.ISO_8859_1);
    }
    long h = hash(b, n);
    int slot = (int) (h >>> 32) & (SLOTS - 2);
    String held = slots[slot];
    if (held != null && hashes[slot] == h && sameText(held, b, n)) {
      return held;
    }
    String second = slots[slot + 1];
    if (second != null && hashes[slot + 1] == h && sameText(second, b, n)) {
      return second;
    }
    String s = new String(b, 0, n, StandardCharsets.ISO_8859_1);
    slots[slot + 1] = held;
    hashes[slot + 1] = hashes[slot];
    slots[slot] = s;
    hashes[slot] = h;
    return s;
  }

  private long hash(byte[] b, int n) {
    long h = seed ^ n;
    int i = 0;
    for (; i + 8 <= n; i += 8) {
      h = (h ^ (long) LONGS.get(b, i)) * MUL;
      h ^= h >>> 29;
    }
    if (i < n) {
      long last;
      if (n >= 8) {
        last = (long) LONGS.get(b, n - 8); // the last eight bytes, overlapping the word before
      } else {
        last = 0;
        for (int k = 0; k < n; k++) {
          last |= (b[k] & 0xffL) << (8 * k);
        }
      }
      h = (h ^ last) * MUL;
    }
    h ^= h >>> 32;
    h *= MUL;
    return h ^ (h >>> 29);
  }

  private static boolean sameText(String s, byte[] b, int n) {
    if (s.length() != n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (s.charAt(i) != b[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The text of {@code sb} as a String: the one handed out before when it is still held. ASCII
   * text (what the parser's escaping produces) meets the strings of the byte path; any other is
   * a new String each time.
   */
  String of(StringBuilder sb) {
    int n = sb.length();
    if (n > MAX_CHARS) {
      return sb.toString();
    }
    for (int i = 0; i < n; i++) {
      char c = sb.charAt(i);
      if (c >= 0x80) {
        return sb.toString();
      }
      chars[i] = (byte) c;
    }
    return of(chars, n);
  }
}
