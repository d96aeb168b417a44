package io.peerscope.agent.smtp;

/**
 * Text from the wire as a Java string: valid UTF-8 is decoded, every byte that is not part of a
 * valid sequence is written as {@code \xNN} (never dropped, never replaced by U+FFFD, so two
 * different byte strings never print the same).
 */
final class WireText {
  private WireText() {}

  static String decode(byte[] b, int off, int len) {
    int end = off + len;
    boolean ascii = true;
    for (int i = off; i < end; i++) {
      if (b[i] < 0x20 || b[i] == 0x7f) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new String(b, off, len, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
    StringBuilder sb = new StringBuilder(len + 8);
    int i = off;
    while (i < end) {
      int c = b[i] & 0xff;
      int n = sequenceLength(b, i, end);
      if (n == 1 && (c >= 0x20 && c < 0x7f || c == '\t')) {
        sb.append((char) c);
      } else if (n > 1) {
        sb.append(new String(b, i, n, java.nio.charset.StandardCharsets.UTF_8));
      } else {
        sb.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
        n = 1;
      }
      i += n;
    }
    return sb.toString();
  }

  /** Length of the valid UTF-8 sequence at i (RFC 3629 section 4), or 1 for a lone byte. */
  private static int sequenceLength(byte[] b, int i, int end) {
    int c = b[i] & 0xff;
    if (c < 0x80) {
      return 1;
    }
    int n;
    int min;
    if (c >= 0xc2 && c <= 0xdf) {
      n = 2;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      n = 3;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 4;
      min = 0x10000;
    } else {
      return 1;
    }
    if (i + n > end) {
      return 1;
    }
    int cp = c & (0x3f >> (n - 1));
    for (int k = 1; k < n; k++) {
      int x = b[i + k] & 0xff;
      if ((x & 0xc0) != 0x80) {
        return 1;
      }
      cp = (cp << 6) | (x & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      return 1;
    }
    return n;
  }
}
