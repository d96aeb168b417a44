package io.peerscope.agent.decode;

import java.io.ByteArrayOutputStream;

/** Test fixtures written as annotated hex: each part is hex digits with spaces between fields. */
final class Bytes {
  private Bytes() {}

  static byte[] hex(String... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String part : parts) {
      String h = part.replace(" ", "");
      if ((h.length() & 1) != 0) {
        throw new IllegalArgumentException("odd number of hex digits: " + part);
      }
      for (int i = 0; i < h.length(); i += 2) {
        out.write(Integer.parseInt(h.substring(i, i + 2), 16));
      }
    }
    return out.toByteArray();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
