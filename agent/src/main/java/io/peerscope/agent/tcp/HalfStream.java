package io.peerscope.agent.tcp;

/**
 * One direction of a connection: puts segments in sequence order and hands contiguous bytes to the
 * listener. In-order segments are delivered straight from the frame buffer (no copy); only
 * segments that arrive ahead of a hole are copied, within the caps of {@link TcpLimits}.
 *
 * <p>Sequence numbers are 32-bit and wrap (RFC 793 section 3.3): they are kept in a long and
 * compared through the signed difference of their low 32 bits.
 *
 * <p>Overlaps follow "first data wins": bytes already delivered or already queued are kept, the
 * later copy is dropped, and a later copy that differs from a queued one is counted as a
 * conflict (the classic evasion of RFC 793 reassemblers, Ptacek and Newsham 1998), also when
 * the later copy arrives in order and reaches into queued bytes. Delivered bytes are not
 * retained, so a retransmission of delivered bytes is counted but not compared.
 */
final class HalfStream {
  private static final long MASK = 0xffff_ffffL;

  private final Flow flow;
  private final boolean fromClient;

  private boolean seqKnown;
  private long nextSeq;
  private boolean ackKnown;
  private long highestAck;
  private boolean finSeen;
  private long finSeq;
  private long delivered;
  private boolean depthReached;
  private QueuedSegment head;
  private int queuedSegments;
  private int queuedBytes;

  HalfStream(Flow flow, boolean fromClient) {
    this.flow = flow;
    this.fromClient = fromClient;
  }

  /** A SYN fixes the initial sequence number: data starts right after it. */
  void onSyn(long seq) {
    if (!seqKnown) {
      nextSeq = (seq + 1) & MASK;
      seqKnown = true;
    }
  }

  boolean seqKnown() {
    return seqKnown;
  }

  long nextSeq() {
    return nextSeq;
  }

  long delivered() {
    return delivered;
  }

  void onData(long ts, long seq, byte[] buf, int off, int len) {
    if (depthReached) {
      flow.counters().bytesBeyondDepth.add(len);
      return;
    }
    if (!seqKnown) {
      // midstream pickup: the first bytes seen define the start of the stream
      nextSeq = seq;
      seqKnown = true;
    }
    while (true) {
      long rel = rel(seq);
      if (rel <= 0) {
        deliverInOrder(ts, seq, buf, off, len);
        return;
      }
      if (ackedBeyondNext()) {
        // the receiver acknowledged bytes before this segment that the capture never had
        skipTo(ts, rel(highestAck) < rel ? highestAck : seq);
        continue;
      }
      if (fits(len)) {
        flow.counters().outOfOrder.inc();
        insert(seq, buf, off, len);
        return;
      }
      // no room to wait for the hole: declare it lost, up to the first held segment or to us
      skipTo(ts, head != null && rel(head.seq) < rel ? head.seq : seq);
      drain(ts);
    }
  }

  /** The peer acknowledged our bytes up to ack (exclusive). */
  void onAck(long ts, long ack) {
    if (!seqKnown) {
      return;
    }
    if (!ackKnown || rel32(ack, highestAck) > 0) {
      highestAck = ack;
      ackKnown = true;
    }
    if (depthReached || !ackedBeyondNext()) {
      return;
    }
    if (head != null) {
      skipTo(ts, rel(highestAck) < rel(head.seq) ? highestAck : head.seq);
      drain(ts);
    } else if (finSeen && rel32(highestAck, finSeq) > 0) {
      // the FIN itself was acknowledged: bytes missing before it were lost in the capture
      skipTo(ts, finSeq);
    }
  }

  /** A FIN was seen; it follows the segment's data, at seqAfterData. */
  void onFin(long seqAfterData) {
    finSeen = true;
    finSeq = seqAfterData & MASK;
    if (!seqKnown) {
      nextSeq = finSeq;
      seqKnown = true;
    }
  }

  /** Every byte before the FIN has been delivered or declared lost. */
  boolean finished() {
    return finSeen && head == null && (depthReached || rel(finSeq) <= 0);
  }

  /** The connection ends: what is still held is delivered, holes before it become gaps. */
  void flush(long ts) {
    while (head != null && !depthReached) {
      skipTo(ts, head.seq);
      drain(ts);
    }
    releaseQueue();
    if (finSeen && !depthReached && rel(finSeq) > 0) {
      skipTo(ts, finSeq);
    }
  }

  void releaseQueue() {
    if (queuedBytes > 0) {
      flow.release(queuedBytes);
    }
    head = null;
    queuedSegments = 0;
    queuedBytes = 0;
  }

  private boolean ackedBeyondNext() {
    return ackKnown && rel(highestAck) > 0;
  }

  private boolean fits(int len) {
    TcpLimits limits = flow.limits();
    if (queuedSegments >= limits.maxQueuedSegments()) {
      flow.counters().queueCapHits.inc();
      return false;
    }
    if (flow.bufferedBytes() + len > limits.maxBufferedBytesPerFlow()) {
      flow.counters().flowMemoryCapHits.inc();
      return false;
    }
    if (!flow.budget().fits(len)) {
      flow.counters().globalMemoryCapHits.inc();
      return false;
    }
    return true;
  }

  /** Queues the parts of [seq, seq+len) that no queued segment covers yet: first data wins. */
  private void insert(long seq, byte[] buf, int off, int len) {
    long start = rel(seq);
    long end = start + len;
    long cur = start;
    QueuedSegment prev = null;
    QueuedSegment q = head;
    while (q != null && cur < end) {
      long qs = rel(q.seq);
      long qe = qs + q.data.length;
      if (qe <= cur) {
        prev = q;
        q = q.next;
      } else if (qs > cur) {
        long pieceEnd = Math.min(qs, end);
        prev = link(prev, q, seq, buf, off, start, cur, pieceEnd);
        cur = pieceEnd;
      } else {
        long overlapEnd = Math.min(qe, end);
        flow.counters().overlaps.inc();
        if (!sameBytes(buf, off + (int) (cur - start), q.data, (int) (cur - qs), (int) (overlapEnd - cur))) {
          flow.counters().overlapConflicts.inc();
        }
        cur = overlapEnd;
        prev = q;
        q = q.next;
      }
    }
    if (cur < end) {
      link(prev, q, seq, buf, off, start, cur, end);
    }
  }

  private QueuedSegment link(
      QueuedSegment prev, QueuedSegment next, long seq, byte[] buf, int off, long start, long from,
      long to) {
    int n = (int) (to - from);
    byte[] copy = new byte[n];
    System.arraycopy(buf, off + (int) (from - start), copy, 0, n);
    QueuedSegment s = new QueuedSegment((seq + (from - start)) & MASK, copy);
    s.next = next;
    if (prev == null) {
      head = s;
    } else {
      prev.next = s;
    }
    queuedSegments++;
    queuedBytes += n;
    flow.reserve(n);
    return s;
  }

  private void drain(long ts) {
    while (head != null) {
      long r = rel(head.seq);
      if (r > 0) {
        return;
      }
      QueuedSegment s = head;
      head = s.next;
      queuedSegments--;
      queuedBytes -= s.data.length;
      flow.release(s.data.length);
      deliverTail(ts, s.data, 0, s.data.length, -r);
    }
  }

  /**
   * A segment that starts at or before the next expected byte. Where it reaches into bytes that
   * are already queued, those came first: the segment is delivered up to the first queued byte,
   * its remainder is merged like any out-of-order copy (differing overlaps counted as conflicts),
   * and the queue drains.
   */
  private void deliverInOrder(long ts, long seq, byte[] buf, int off, int len) {
    // a skip over an acknowledged hole can leave queued bytes at or behind the next byte: they
    // came first, so they go first
    drain(ts);
    long skip = -rel(seq);
    if (head != null && skip < len) {
      long untilQueued = rel(head.seq); // > 0 once drained
      if (len - skip > untilQueued) {
        int prefix = (int) (skip + untilQueued);
        deliverTail(ts, buf, off, prefix, skip);
        if (head != null) { // reaching the depth limit releases the queue
          // transient: what insert copies in is handed on by drain right away
          insert((seq + prefix) & MASK, buf, off + prefix, len - prefix);
        }
        drain(ts);
        return;
      }
    }
    deliverTail(ts, buf, off, len, skip);
    drain(ts);
  }

  /** Delivers buf[off+skip, off+len): the first skip bytes were already delivered. */
  private void deliverTail(long ts, byte[] buf, int off, int len, long skip) {
    if (skip >= len) {
      flow.counters().retransmissions.inc();
      return;
    }
    if (skip > 0) {
      flow.counters().overlaps.inc();
    }
    int s = (int) skip;
    deliver(ts, buf, off + s, len - s);
  }

  private void deliver(long ts, byte[] buf, int off, int len) {
    nextSeq = (nextSeq + len) & MASK;
    if (depthReached) {
      flow.counters().bytesBeyondDepth.add(len);
      return;
    }
    long room = flow.limits().maxStreamDepth() - delivered;
    if (len > room) {
      int within = (int) room;
      if (within > 0) {
        delivered += within;
        flow.data(fromClient, ts, buf, off, within);
      }
      depthReached = true;
      releaseQueue();
      flow.counters().depthLimitHits.inc();
      flow.counters().bytesBeyondDepth.add(len - within);
      flow.gap(fromClient, ts, len - within);
      return;
    }
    delivered += len;
    flow.data(fromClient, ts, buf, off, len);
  }

  private void skipTo(long ts, long seq) {
    long missing = rel(seq);
    if (missing <= 0) {
      return;
    }
    nextSeq = seq & MASK;
    flow.counters().gaps.inc();
    flow.counters().gapBytes.add(missing);
    flow.gap(fromClient, ts, missing);
  }

  private long rel(long seq) {
    return rel32(seq, nextSeq);
  }

  private static long rel32(long a, long b) {
    return (int) (a - b);
  }

  private static boolean sameBytes(byte[] a, int aOff, byte[] b, int bOff, int n) {
    for (int i = 0; i < n; i++) {
      if (a[aOff + i] != b[bOff + i]) {
        return false;
      }
    }
    return true;
  }
}
