package io.peerscope.agent.dns;

/**
 * Hands out the same String for text that recurs on the wire (the names a network asks for again
 * and again, the addresses they resolve to) instead of a fresh copy per message. Two-way
 * set-associative by the text's own hash, so a lookup is a hash over the characters and one or two
 * comparisons; a newcomer takes the first way and pushes the holder to the second. Bounded by
 * {@link #SLOTS} strings of at most {@link #MAX_CHARS} chars. One instance per parser, used by one
 * pipeline thread.
 *
 * <p>Besides the copy saved, a recurring name arrives downstream as the same instance with its
 * hash already computed, which the trackers' hash tables use on every lookup.
 */
final class RecurringStrings {
  static final int SLOTS = 1 << 17;
  static final int MAX_CHARS = 128;

  private final String[] slots = new String[SLOTS];
  /** Where a name's plain bytes are gathered before the lookup. */
  final byte[] bytes = new byte[DnsNames.MAX_NAME_OCTETS + 1];

  /**
   * The text of {@code b[0..n)}, bytes that stand for themselves (printable ASCII, so Latin-1
   * and String's own hash agree): the one handed out before when it is still held. No builder,
   * no escaping pass: a hit costs the hash over the bytes and one comparison.
   */
  String of(byte[] b, int n) {
    if (n > MAX_CHARS) {
      return new String(b, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
    int h = 0;
    for (int i = 0; i < n; i++) {
      h = 31 * h + b[i];
    }
    int slot = (h ^ (h >>> 16)) & (SLOTS - 2);
    String held = slots[slot];
    if (held != null && held.hashCode() == h && sameText(held, b, n)) {
      return held;
    }
    String second = slots[slot + 1];
    if (second != null && second.hashCode() == h && sameText(second, b, n)) {
      return second;
    }
    String s = new String(b, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
    slots[slot + 1] = held;
    slots[slot] = s;
    return s;
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

  /** The text of {@code sb} as a String: the one handed out before when it is still held. */
  String of(StringBuilder sb) {
    int n = sb.length();
    if (n > MAX_CHARS) {
      return sb.toString();
    }
    int h = 0;
    for (int i = 0; i < n; i++) {
      h = 31 * h + sb.charAt(i); // String.hashCode's own formula, so the check below is exact
    }
    int slot = (h ^ (h >>> 16)) & (SLOTS - 2);
    String held = slots[slot];
    if (held != null && held.hashCode() == h && held.contentEquals(sb)) {
      return held;
    }
    String second = slots[slot + 1];
    if (second != null && second.hashCode() == h && second.contentEquals(sb)) {
      return second;
    }
    String s = sb.toString();
    slots[slot + 1] = held;
    slots[slot] = s;
    return s;
  }
}
