package io.peerscope.agent.smtp;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the header block of a message (RFC 5322 section 2.2) line by line, keeping only what
 * describes the sending software and the path: User-Agent / X-Mailer / X-User-Agent (the last
 * one seen, as Zeek does) and the Received hops. Folded lines are unfolded. Bounded in bytes;
 * strings are built only for the headers kept.
 */
final class MessageHeaders {
  private static final int MAX_VALUE = 1024;
  private static final int MAX_RECEIVED = 8;

  private final int maxBytes;
  private final io.peerscope.agent.metrics.Counter capHits;
  private int bytes;
  private boolean done;
  private int kind; // 0 none, 1 user agent, 2 received
  private final StringBuilder value = new StringBuilder();
  private String userAgent;
  private final List<String> received = new ArrayList<>();

  MessageHeaders(int maxBytes, io.peerscope.agent.metrics.Counter capHits) {
    this.maxBytes = maxBytes;
    this.capHits = capHits;
  }

  void reset() {
    bytes = 0;
    done = false;
    kind = 0;
    value.setLength(0);
    userAgent = null;
    received.clear();
  }

  /** One header line without its line end; the empty line ends the block. */
  void line(byte[] b, int len) {
    if (done) {
      return;
    }
    bytes += len + 2;
    if (len == 0) {
      finish();
      return;
    }
    if (bytes > maxBytes) {
      capHits.inc();
      finish();
      return;
    }
    if (b[0] == ' ' || b[0] == '\t') {
      if (kind != 0 && value.length() < MAX_VALUE) {
        int from = 0;
        while (from < len && (b[from] == ' ' || b[from] == '\t')) {
          from++;
        }
        value.append(' ').append(WireText.decode(b, from, Math.min(len - from, MAX_VALUE)));
      }
      return;
    }
    flush();
    int colon = 0;
    while (colon < len && b[colon] != ':') {
      colon++;
    }
    if (colon == len) {
      return; // not a header line: skipped, as mail readers do
    }
    kind = nameIs(b, colon, "X-Mailer") || nameIs(b, colon, "User-Agent") || nameIs(b, colon, "X-User-Agent")
        ? 1
        : nameIs(b, colon, "Received") ? 2 : 0;
    if (kind != 0) {
      int from = colon + 1;
      while (from < len && (b[from] == ' ' || b[from] == '\t')) {
        from++;
      }
      value.append(WireText.decode(b, from, Math.min(len - from, MAX_VALUE)));
    }
  }

  /** The block ended (empty line, end of message or cap). */
  void finish() {
    flush();
    done = true;
  }

  boolean done() {
    return done;
  }

  String userAgent() {
    return userAgent;
  }

  List<String> received() {
    return received;
  }

  private void flush() {
    if (kind == 1) {
      userAgent = trimmed();
    } else if (kind == 2 && received.size() < MAX_RECEIVED) {
      received.add(trimmed());
    }
    kind = 0;
    value.setLength(0);
  }

  private String trimmed() {
    String s = value.toString().strip();
    return s.length() > MAX_VALUE ? s.substring(0, MAX_VALUE) : s;
  }

  private static boolean nameIs(byte[] b, int len, String name) {
    return len == name.length() && SmtpVerb.equalsIgnoreCase(b, 0, name);
  }
}
