package io.peerscope.agent.smtp;

/**
 * Finds the end of a DATA message, a line holding a single dot (RFC 5321 section 4.1.1.4),
 * without copying the body. A bare LF ending the line is accepted too, as servers do (the
 * "SMTP smuggling" discussion of 2023 shows peers differ here; a sensor must see what either
 * side might take as the end).
 */
final class EndOfDataScanner {
  private static final int LINE_START = 0;
  private static final int DOT = 1;
  private static final int DOT_CR = 2;
  private static final int IN_LINE = 3;

  private int state = LINE_START;

  /** Returns the index after the terminating line within b[off, end), or -1. */
  int scan(byte[] b, int off, int end) {
    int s = state;
    for (int i = off; i < end; i++) {
      byte c = b[i];
      if (s == IN_LINE) {
        if (c == '\n') {
          s = LINE_START;
        }
      } else if (s == LINE_START) {
        s = c == '.' ? DOT : c == '\n' ? LINE_START : IN_LINE;
      } else if (c == '\n') {
        state = LINE_START;
        return i + 1;
      } else {
        s = s == DOT && c == '\r' ? DOT_CR : IN_LINE;
      }
    }
    state = s;
    return -1;
  }

  /** The body continues at the start of a line (after the header block, or after a gap). */
  void atLineStart() {
    state = LINE_START;
  }
}
