package io.peerscope.agent.dns;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Hands out the same dotted-quad text for the IPv4 answers a network keeps resolving, found by
 * the address itself: a hit costs a multiply and one int comparison and never visits the String,
 * where rendering the text and looking it up in {@link RecurringStrings} costs the digits, a
 * hash of the bytes and a comparison of the held String: half of parsing a response and decoding
 * its answers, on the bench's dns workload. Two-way set-associative and bounded by {@link #SLOTS}; a miss
 * renders the text and takes it from {@link RecurringStrings}, so both hand out one instance.
 * One instance per parser, used by one pipeline thread.
 */
final class RecurringDottedQuads {
  static final int SLOTS = 4096;
  private static final int SET_BITS = Integer.numberOfTrailingZeros(SLOTS) - 1;

  private final RecurringStrings recurring;
  private final int[] addresses = new int[SLOTS];
  /** Null marks an empty way, so that 0.0.0.0 needs no flag of its own. */
  private final String[] texts = new String[SLOTS];
  /** Per instance and odd: addresses crafted to share a set on one sensor do not on another. */
  private final int multiplier = ThreadLocalRandom.current().nextInt() | 1;
  private final byte[] digits = new byte[15];

  RecurringDottedQuads(RecurringStrings recurring) {
    this.recurring = recurring;
  }

  /** The text of the four bytes at {@code b[p..p+4)}, as in 192.0.2.1. */
  String of(byte[] b, int p) {
    int v = (b[p] & 0xff) << 24 | (b[p + 1] & 0xff) << 16 | (b[p + 2] & 0xff) << 8 | (b[p + 3] & 0xff);
    int slot = ((v * multiplier) >>> (32 - SET_BITS)) << 1;
    String held = texts[slot];
    if (held != null && addresses[slot] == v) {
      return held;
    }
    String second = texts[slot + 1];
    if (second != null && addresses[slot + 1] == v) {
      return second;
    }
    String s = render(v);
    texts[slot + 1] = held;
    addresses[slot + 1] = addresses[slot];
    texts[slot] = s;
    addresses[slot] = v;
    return s;
  }

  private String render(int v) {
    byte[] out = digits;
    int n = 0;
    for (int shift = 24; shift >= 0; shift -= 8) {
      if (shift < 24) {
        out[n++] = '.';
      }
      int x = (v >>> shift) & 0xff;
      if (x >= 100) {
        out[n++] = (byte) ('0' + x / 100);
      }
      if (x >= 10) {
        out[n++] = (byte) ('0' + x / 10 % 10);
      }
      out[n++] = (byte) ('0' + x % 10);
    }
    return recurring.of(out, n);
  }
}
