package io.peerscope.agent.smtp.tls;

/** Bytes from the wire as text: printable ASCII kept, anything else (and the backslash) as \xNN. */
final class WireText {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private WireText() {}

  static String escape(byte[] b, int off, int len) {
    StringBuilder sb = new StringBuilder(len);
    for (int i = off; i < off + len; i++) {
      int c = b[i] & 0xff;
      if (c >= 0x20 && c < 0x7f && c != '\\') {
        sb.append((char) c);
      } else {
        sb.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return sb.toString();
  }
}
