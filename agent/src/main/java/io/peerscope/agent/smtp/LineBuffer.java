package io.peerscope.agent.smtp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Assembles one CRLF- (or bare LF-) terminated line from stream bytes that arrive in arbitrary
 * pieces. The buffer starts small and grows up to the cap; bytes of a longer line are skipped
 * without being copied, so a line of any length costs at most the cap in memory and one scan in
 * time.
 */
final class LineBuffer {
  private final int cap;
  private final io.peerscope.agent.metrics.Counter tooLong;
  private byte[] buf = new byte[128];
  private int len;
  private boolean complete;
  private boolean truncated;

  LineBuffer(int cap, io.peerscope.agent.metrics.Counter tooLong) {
    this.cap = cap;
    this.tooLong = tooLong;
  }

  /**
   * Takes bytes up to and including the first LF of src[off, end) and returns how many were
   * taken. {@link #complete()} tells whether the line ended.
   */
  int append(byte[] src, int off, int end) {
    int lf = off;
    while (lf < end && src[lf] != '\n') {
      lf++;
    }
    int take = lf - off;
    int room = cap - len;
    if (take > room) {
      if (!truncated) {
        truncated = true;
        tooLong.inc(); // counted when the cap is hit, not when (if ever) the line ends
      }
      take = room;
    }
    if (take > 0) {
      ensure(len + take);
      System.arraycopy(src, off, buf, len, take);
      len += take;
    }
    if (lf < end) {
      complete = true;
      return lf - off + 1;
    }
    return end - off;
  }

  boolean complete() {
    return complete;
  }

  /** Bytes were skipped because the line was longer than the cap. */
  boolean truncated() {
    return truncated;
  }

  /** The line's bytes without the trailing CR (and LF). */
  int length() {
    return len > 0 && buf[len - 1] == '\r' && complete ? len - 1 : len;
  }

  /** Bytes allocated for the line, at most the cap. */
  int capacity() {
    return buf.length;
  }

  byte[] bytes() {
    return buf;
  }

  String text(int from) {
    int n = length() - from;
    return n <= 0 ? "" : new String(buf, from, n, StandardCharsets.ISO_8859_1);
  }

  /** Starts the next line. */
  void reset() {
    len = 0;
    complete = false;
    truncated = false;
  }

  /** Starts the next line and overwrites the last one: used after lines that carried secrets. */
  void wipe() {
    Arrays.fill(buf, 0, len, (byte) 0);
    reset();
  }

  private void ensure(int n) {
    if (n > buf.length) {
      buf = Arrays.copyOf(buf, Math.min(cap, Math.max(n, buf.length * 2)));
    }
  }
}
