package io.peerscope.agent.dns;

import io.peerscope.agent.metrics.Counter;

/**
 * Splits one direction of a TCP stream into DNS messages: each is preceded by a two-byte length
 * (RFC 1035 4.2.2), several may share a segment and one may span many (pipelining, RFC 7766 6.2.1).
 * A message that arrives whole inside one segment is handed on in place; only a message split
 * across segments is copied, into a buffer of exactly its size reserved from the shared {@link
 * DnsTcpBudget} and returned when the message is complete. When the budget is spent the direction
 * is dropped and counted. A message longer than the configured maximum is skipped by its length,
 * which keeps the framing in step. After a gap the rest of the direction is dropped: without the
 * lost bytes no later length prefix can be trusted.
 */
final class DnsTcpFramer {
  interface MessageSink {
    void onMessage(long tsMicros, byte[] buf, int off, int len);
  }

  /** The counters and limits every framer shares. */
  record Shared(int maxMessage, DnsTcpBudget budget, Counter oversized, Counter gaps, Counter incomplete, Counter overBudget) {}

  private final Shared shared;
  private int prefixFirstByte = -1;
  private int need = -1;
  private byte[] partial;
  private int have;
  private int skip;
  private boolean dropped;

  DnsTcpFramer(Shared shared) {
    this.shared = shared;
  }

  void onData(long tsMicros, byte[] buf, int off, int len, MessageSink sink) {
    int p = off;
    int end = off + len;
    while (p < end && !dropped) {
      if (skip > 0) {
        int n = Math.min(skip, end - p);
        skip -= n;
        p += n;
      } else if (need < 0) {
        if (prefixFirstByte < 0) {
          prefixFirstByte = buf[p++] & 0xff;
        } else {
          startMessage((prefixFirstByte << 8) | (buf[p++] & 0xff));
          prefixFirstByte = -1;
        }
      } else if (partial == null && end - p >= need) {
        int n = need;
        need = -1;
        sink.onMessage(tsMicros, buf, p, n);
        p += n;
      } else {
        if (partial == null) {
          if (!shared.budget().tryReserve(need)) {
            shared.overBudget().inc();
            dropped = true;
            return;
          }
          partial = new byte[need];
          have = 0;
        }
        int n = Math.min(need - have, end - p);
        System.arraycopy(buf, p, partial, have, n);
        have += n;
        p += n;
        if (have == need) {
          byte[] message = partial;
          int m = need;
          releasePartial();
          need = -1;
          sink.onMessage(tsMicros, message, 0, m);
        }
      }
    }
  }

  private void startMessage(int length) {
    if (length > shared.maxMessage()) {
      shared.oversized().inc();
      skip = length;
    } else {
      need = length;
    }
  }

  void onGap() {
    if (!dropped) {
      shared.gaps().inc();
      dropped = true;
    }
    releasePartial();
  }

  void onClose() {
    if (!dropped && (need > 0 || prefixFirstByte >= 0)) {
      shared.incomplete().inc();
    }
    dropped = true;
    releasePartial();
  }

  private void releasePartial() {
    if (partial != null) {
      shared.budget().release(partial.length);
      partial = null;
      have = 0;
    }
  }
}
