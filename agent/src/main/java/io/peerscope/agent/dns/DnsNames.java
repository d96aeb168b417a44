package io.peerscope.agent.dns;

/**
 * Domain names on the wire (RFC 1035 3.1 and 4.1.4), walked by offset without allocation. Every
 * walk is bounded: 255 octets of name, pointers only backwards, at most {@link #MAX_POINTER_HOPS}
 * pointers per name. The label count needs no guard of its own: every label costs at least two
 * octets, so 255 octets hold at most 127 labels. Zeek's corpus carries a deliberately deep pointer chain
 * (max-compression-depth); real resolvers stop far earlier than 16 hops.
 */
final class DnsNames {
  static final int MAX_NAME_OCTETS = 255;
  static final int MAX_POINTER_HOPS = 16;

  private DnsNames() {}

  /**
   * Validates the name at {@code pos} and returns the position just after it in the enclosing
   * sequence (after the terminating zero or the first pointer), or a negative {@link
   * DnsParseError#code()}.
   *
   * @param msgOff where the DNS message starts in {@code buf}: pointers are offsets from there
   * @param limit where the enclosing data ends (message end, or RDATA end for names in RDATA)
   * @param msgEnd where the message ends: pointer targets may lie anywhere before the pointer
   */
  static int skip(byte[] buf, int msgOff, int limit, int msgEnd, int pos) {
    int p = pos;
    int end = -1;
    int hops = 0;
    int octets = 0;
    while (true) {
      int bound = end < 0 ? limit : msgEnd;
      if (p >= bound) {
        return DnsParseError.TRUNCATED.code();
      }
      int len = buf[p] & 0xff;
      switch (len & 0xc0) {
        case 0x00 -> {
          octets += len + 1;
          if (octets > MAX_NAME_OCTETS) {
            return DnsParseError.NAME_TOO_LONG.code();
          }
          if (len == 0) {
            return end < 0 ? p + 1 : end;
          }
          if (p + 1 + len > bound) {
            return DnsParseError.TRUNCATED.code();
          }
          p += 1 + len;
        }
        case 0xc0 -> {
          if (p + 2 > bound) {
            return DnsParseError.TRUNCATED.code();
          }
          int target = msgOff + (((len & 0x3f) << 8) | (buf[p + 1] & 0xff));
          if (target >= p) {
            return DnsParseError.POINTER_FORWARD.code();
          }
          if (++hops > MAX_POINTER_HOPS) {
            return DnsParseError.POINTER_CHAIN.code();
          }
          if (end < 0) {
            end = p + 2;
          }
          p = target;
        }
        default -> {
          return DnsParseError.LABEL_TOO_LONG.code();
        }
      }
    }
  }

  /**
   * Appends the presentation form of a name already validated by {@link #skip}: labels joined by
   * dots, no trailing dot, the root as the empty string, label bytes escaped by {@link DnsText}.
   */
  static void append(StringBuilder sb, byte[] buf, int msgOff, int msgEnd, int pos) {
    int p = pos;
    int hops = 0;
    boolean first = true;
    while (p < msgEnd) {
      int len = buf[p] & 0xff;
      if (len == 0) {
        return;
      }
      if ((len & 0xc0) == 0xc0) {
        if (p + 2 > msgEnd || ++hops > MAX_POINTER_HOPS) {
          return;
        }
        int target = msgOff + (((len & 0x3f) << 8) | (buf[p + 1] & 0xff));
        if (target >= p) {
          return;
        }
        p = target;
        continue;
      }
      if ((len & 0xc0) != 0 || p + 1 + len > msgEnd) {
        return;
      }
      if (!first) {
        sb.append('.');
      }
      first = false;
      DnsText.appendEscaped(sb, buf, p + 1, len, true);
      p += 1 + len;
    }
  }

  /**
   * Copies the presentation form of a validated name into {@code out} when every label byte
   * stands for itself (0x21-0x7e except dot and backslash); returns its length, or -1 when some
   * byte needs an escape (the caller then builds the text). Same walk and bounds as {@link #append}.
   */
  static int plainBytes(byte[] out, byte[] buf, int msgOff, int msgEnd, int pos) {
    int p = pos;
    int hops = 0;
    int n = 0;
    while (p < msgEnd) {
      int len = buf[p] & 0xff;
      if (len == 0) {
        return n;
      }
      if ((len & 0xc0) == 0xc0) {
        if (p + 2 > msgEnd || ++hops > MAX_POINTER_HOPS) {
          return n;
        }
        int target = msgOff + (((len & 0x3f) << 8) | (buf[p + 1] & 0xff));
        if (target >= p) {
          return n;
        }
        p = target;
        continue;
      }
      if (n + len + 1 > out.length) {
        return -1;
      }
      if ((len & 0xc0) != 0 || p + 1 + len > msgEnd) {
        return n == 0 ? -1 : n; // as append: a broken tail ends the name
      }
      if (n > 0) {
        out[n++] = '.';
      }
      for (int i = p + 1, end = p + 1 + len; i < end; i++) {
        byte c = buf[i];
        if (c <= 0x20 || c >= 0x7f || c == '.' || c == '\\') {
          return -1;
        }
        out[n++] = c;
      }
      p += 1 + len;
    }
    return n;
  }

  /** The name as a String, built in the caller's reusable buffer (only the String is new). */
  static String toString(StringBuilder scratch, byte[] buf, int msgOff, int msgEnd, int pos) {
    scratch.setLength(0);
    append(scratch, buf, msgOff, msgEnd, pos);
    return scratch.toString();
  }

  /**
   * The same, handing out the String held by {@code recurring} when the name was seen lately. A
   * name of plain bytes (printable ASCII needing no escape, the overwhelming case) goes by bytes,
   * without a builder; any other takes the escaping path.
   */
  static String toString(
      StringBuilder scratch, RecurringStrings recurring, byte[] buf, int msgOff, int msgEnd, int pos) {
    int n = plainBytes(recurring.bytes, buf, msgOff, msgEnd, pos);
    if (n >= 0) {
      return recurring.of(recurring.bytes, n);
    }
    scratch.setLength(0);
    append(scratch, buf, msgOff, msgEnd, pos);
    return recurring.of(scratch);
  }
}
