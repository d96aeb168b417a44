package io.peerscope.agent.dns;

/**
 * Turns wire bytes (labels, character-strings) into text without losing anything: valid UTF-8 is
 * kept as characters, every other byte becomes {@code \DDD} (decimal, as in the presentation
 * format of RFC 1035 5.1), so a hostile name can neither be dropped nor made to look like another.
 */
final class DnsText {
  private DnsText() {}

  /**
   * @param label true for a label: a dot or backslash inside it is escaped with a backslash (so
   *     {@code a\.b} is one label), and space is written {@code \032} as zone files do; false for
   *     TXT strings, where spaces are ordinary and only backslash is escaped
   */
  static void appendEscaped(StringBuilder sb, byte[] b, int off, int len, boolean label) {
    int end = off + len;
    int i = off;
    while (i < end) {
      int c = b[i] & 0xff;
      if (c < 0x80) {
        if (c == '\\' || (label && c == '.')) {
          sb.append('\\').append((char) c);
        } else if (c < 0x20 || c == 0x7f || (label && c == ' ')) {
          appendDecimal(sb, c);
        } else {
          sb.append((char) c);
        }
        i++;
        continue;
      }
      int n = utf8SequenceLength(b, i, end);
      if (n == 0) {
        appendDecimal(sb, c);
        i++;
        continue;
      }
      int cp = c & (0xff >> (n + 1));
      for (int k = 1; k < n; k++) {
        cp = (cp << 6) | (b[i + k] & 0x3f);
      }
      sb.appendCodePoint(cp);
      i += n;
    }
  }

  /** Length of the well-formed UTF-8 sequence at i (RFC 3629 section 4), or 0 if there is none. */
  static int utf8SequenceLength(byte[] b, int i, int end) {
    int c = b[i] & 0xff;
    int n;
    int lo = 0x80;
    int hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) {
      n = 2;
    } else if (c >= 0xe0 && c <= 0xef) {
      n = 3;
      if (c == 0xe0) {
        lo = 0xa0; // overlong
      } else if (c == 0xed) {
        hi = 0x9f; // UTF-16 surrogates
      }
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 4;
      if (c == 0xf0) {
        lo = 0x90; // overlong
      } else if (c == 0xf4) {
        hi = 0x8f; // beyond U+10FFFF
      }
    } else {
      return 0;
    }
    if (i + n > end) {
      return 0;
    }
    int second = b[i + 1] & 0xff;
    if (second < lo || second > hi) {
      return 0;
    }
    for (int k = 2; k < n; k++) {
      if ((b[i + k] & 0xc0) != 0x80) {
        return 0;
      }
    }
    return n;
  }

  private static void appendDecimal(StringBuilder sb, int c) {
    sb.append('\\').append((char) ('0' + c / 100)).append((char) ('0' + c / 10 % 10)).append((char) ('0' + c % 10));
  }

  static void appendHex(StringBuilder sb, byte[] b, int off, int len) {
    for (int i = off; i < off + len; i++) {
      sb.append(Character.forDigit((b[i] >> 4) & 0xf, 16)).append(Character.forDigit(b[i] & 0xf, 16));
    }
  }
}
