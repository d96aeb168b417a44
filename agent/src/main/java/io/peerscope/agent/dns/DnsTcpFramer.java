package io.peerscope.agent.dns;

import io.peerscope.agent.metrics.Counter;

/**
 * Splits one direction of a TCP stream into DNS messages: each is preceded by a two-byte length
 * (RFC 1035 4.2.2), several may share a segment and one may span many (pipelining, RFC 7766 6.2.1).
 * A message that arrives whole inside one segment is handed on in place; only a message split
 * across segments is copied, into a buffer no larger than the message. A message longer than the
 * configured maximum is skipped by its length, which keeps the framing in step. After a gap the
 * rest of the direction is dropped: without the lost bytes no later length prefix can be trusted.
 */
final class DnsTcpFramer {
  interface MessageSink {
    void onMessage(long tsMicros, byte[] buf, int off, int len);
  }

  private final int maxMessage;
  private final Counter oversized;
  private final Counter gaps;
  private final Counter incomplete;

  private int prefixFirstByte = -1;
  private int need = -1;
  private byte[] partial;
  private int have;
  private int skip;
  private boolean dropped;

  DnsTcpFramer(int maxMessage, Counter oversized, Counter gaps, Counter incomplete) {
    this.maxMessage = maxMessage;
    this.oversized = oversized;
    this.gaps = gaps;
    this.incomplete = incomplete;
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
      } else if (have == 0 && end - p >= need) {
        int n = need;
        need = -1;
        sink.onMessage(tsMicros, buf, p, n);
        p += n;
      } else {
        if (partial == null || partial.length < need) {
          partial = new byte[need];
        }
        int n = Math.min(need - have, end - p);
        System.arraycopy(buf, p, partial, have, n);
        have += n;
        p += n;
        if (have == need) {
          int m = need;
          need = -1;
          have = 0;
          sink.onMessage(tsMicros, partial, 0, m);
        }
      }
    }
  }

  private void startMessage(int length) {
    if (length > maxMessage) {
      oversized.inc();
      skip = length;
    } else {
      need = length;
    }
  }

  void onGap() {
    if (!dropped) {
      gaps.inc();
      dropped = true;
      partial = null;
    }
  }

  void onClose() {
    if (!dropped && (need > 0 || prefixFirstByte >= 0)) {
      incomplete.inc();
    }
    partial = null;
    dropped = true;
  }
}
