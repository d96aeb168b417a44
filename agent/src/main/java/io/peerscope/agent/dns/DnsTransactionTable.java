package io.peerscope.agent.dns;

import io.peerscope.agent.capture.ClockListener;
import io.peerscope.agent.decode.IpAddress;
import io.peerscope.agent.metrics.Counter;
import io.peerscope.agent.metrics.Counters;
import java.util.Arrays;

/**
 * Pairs DNS queries with responses, for UDP and TCP alike, and emits one {@link DnsTransaction}
 * per pair, per query never answered and per response never asked for.
 *
 * <p>Orientation comes from the QR bit, not from ports: the sender of a query is the client, the
 * receiver of a response is the client (Zeek's "flip" trace starts with a response between two
 * port-53 hosts). Messages to a multicast group (mDNS to 224.0.0.251 or ff02::fb, RFC 6762) are
 * never correlated: responders answer the group, not the asker, and ids are 0, so every message
 * is its own line (Zeek's mdns-no-assoc trace).
 *
 * <p>State is bounded: at most {@link DnsLimits#maxPending()} queries wait; when full, the oldest
 * is logged unanswered and counted as {@code dns.pending_evicted}. Queries expire after {@link
 * DnsLimits#queryTimeoutMicros()} of capture time and at the end of the capture. One instance
 * serves one pipeline thread.
 */
public final class DnsTransactionTable implements ClockListener {
  private final DnsLimits limits;
  private final DnsParser parser;
  private final DnsAnswers answers = new DnsAnswers();
  /** Copied on each registration, read on every line: iterating an array allocates nothing. */
  private volatile DnsTransactionListener[] listeners = new DnsTransactionListener[0];
  /** Refilled for every line while no listener keeps transactions; null while one does. */
  private volatile DnsTransaction reused = new DnsTransaction();
  /** A listener lending its slots (the tracker's handoff): lines are filled in them instead. */
  private volatile DnsTransactionSlots slots;
  private final PendingIndex pending;
  private final FlowKey probe = new FlowKey();
  private final RecurringAddresses addresses = new RecurringAddresses();
  private final Counter queries;
  private final Counter responses;
  private final Counter transactions;
  private final Counter unanswered;
  private final Counter unsolicited;
  private final Counter evicted;

  /** Oldest and newest pending query, in arrival (capture time) order. */
  private PendingQuery oldest;
  private PendingQuery newest;
  private int size;
  /** Queries whose line was emitted, kept for reuse: never more than were pending at once. */
  private PendingQuery free;

  public DnsTransactionTable(Counters counters, DnsLimits limits) {
    this.limits = limits;
    this.parser = new DnsParser(counters, limits);
    this.pending = new PendingIndex(limits.maxPending());
    this.queries = counters.counter("dns.queries");
    this.responses = counters.counter("dns.responses");
    this.transactions = counters.counter("dns.transactions");
    this.unanswered = counters.counter("dns.unanswered");
    this.unsolicited = counters.counter("dns.unsolicited");
    this.evicted = counters.counter("dns.pending_evicted");
  }

  public synchronized void addListener(DnsTransactionListener listener) {
    DnsTransactionListener[] next = Arrays.copyOf(listeners, listeners.length + 1);
    next[listeners.length] = listener;
    listeners = next;
    if (listener.retainsTransactions()) {
      reused = null;
    }
    if (slots == null && listener instanceof DnsTransactionSlots s) {
      slots = s;
    }
  }

  /** Queries currently waiting for a response. */
  public int pending() {
    return size;
  }

  /**
   * One DNS message from src to dst (addresses as the two longs of {@link IpAddress}). Malformed
   * messages are counted by the parser and dropped.
   */
  public void onMessage(
      long tsMicros,
      long srcHi,
      long srcLo,
      int srcPort,
      long dstHi,
      long dstLo,
      int dstPort,
      boolean tcp,
      byte[] buf,
      int off,
      int len) {
    if (parser.parse(buf, off, len) != DnsParseError.NONE) {
      return;
    }
    boolean response = parser.isResponse();
    (response ? responses : queries).inc();
    if (isMulticast(dstHi, dstLo)) {
      if (response) {
        parser.decodeAnswers(answers);
      }
      emit(DnsLines.uncorrelated(
          target(),
          tsMicros, addresses.of(srcHi, srcLo), srcPort, addresses.of(dstHi, dstLo), dstPort, tcp, parser, answers));
      return;
    }
    if (!response) {
      addQuery(tsMicros, probe.set(srcHi, srcLo, srcPort, dstHi, dstLo, dstPort, tcp, parser.id()));
      return;
    }
    PendingQuery q = takeOldest(probe.set(dstHi, dstLo, dstPort, srcHi, srcLo, srcPort, tcp, parser.id()));
    if (q == null) {
      // never asked for, or a second response to a query already answered (Zeek logs both alike)
      unsolicited.inc();
    }
    parser.decodeAnswers(answers);
    emit(DnsLines.response(
        target(), q, tsMicros, addresses.of(dstHi, dstLo), dstPort, addresses.of(srcHi, srcLo), srcPort, tcp, parser, answers));
    if (q != null) {
      recycle(q);
    }
  }

  @Override
  public void onTick(long nowMicros) {
    long deadline = nowMicros - limits.queryTimeoutMicros();
    while (oldest != null && oldest.tsMicros <= deadline) {
      expire(oldest);
    }
  }

  @Override
  public void onEnd(long nowMicros) {
    while (oldest != null) {
      expire(oldest);
    }
  }

  private void addQuery(long tsMicros, FlowKey probeKey) {
    if (size >= limits.maxPending()) {
      evicted.inc();
      expire(oldest);
    }
    PendingQuery q =
        obtain().fill(
            probeKey, tsMicros, parser.questionName(), parser.qtype(), parser.qclass(), parser.rd(), parser.tc(), parser.z());
    PendingQuery head = pending.putIfAbsent(q);
    if (head != null) {
      while (head.sameKeyNext != null) {
        head = head.sameKeyNext;
      }
      head.sameKeyNext = q;
    }
    q.older = newest;
    if (newest != null) {
      newest.newer = q;
    } else {
      oldest = q;
    }
    newest = q;
    size++;
  }

  /** Removes and returns the oldest query under the key, or null. */
  private PendingQuery takeOldest(FlowKey key) {
    PendingQuery head = pending.get(key);
    if (head == null) {
      return null;
    }
    if (head.sameKeyNext != null) {
      // the next query of the chain takes the slot: its key equals head's, which is about to be reused
      pending.replace(key, head.sameKeyNext);
    } else {
      pending.remove(key);
    }
    unlink(head);
    return head;
  }

  /** Logs the oldest query of the table as unanswered: timeouts and evictions take it in order. */
  private void expire(PendingQuery q) {
    // The oldest query overall is also the oldest of its key: same-key chains are arrival-ordered.
    takeOldest(q.key);
    unanswered.inc();
    emit(DnsLines.queryOnly(target(), q, addresses));
    recycle(q);
  }

  private PendingQuery obtain() {
    PendingQuery q = free;
    if (q == null) {
      return new PendingQuery();
    }
    free = q.newer;
    q.newer = null;
    return q;
  }

  /** Called once its line was emitted: listeners got values, never the query itself. */
  private void recycle(PendingQuery q) {
    q.name = null;
    q.older = null;
    q.sameKeyNext = null;
    q.newer = free;
    free = q;
  }

  private void unlink(PendingQuery q) {
    if (q.older != null) {
      q.older.newer = q.newer;
    } else {
      oldest = q.newer;
    }
    if (q.newer != null) {
      q.newer.older = q.older;
    } else {
      newest = q.older;
    }
    q.older = q.newer = q.sameKeyNext = null;
    size--;
  }

  /**
   * The instance the next line is filled into: a new one while a listener keeps them, else the
   * slot a listener lends (one copy less per line), else the table's own.
   */
  private DnsTransaction target() {
    DnsTransaction t = reused;
    if (t == null) {
      return new DnsTransaction();
    }
    DnsTransactionSlots s = slots;
    return s != null ? s.nextSlot() : t;
  }

  private void emit(DnsTransaction t) {
    transactions.inc();
    for (DnsTransactionListener l : listeners) {
      l.onTransaction(t);
    }
  }

  /** IPv4 224.0.0.0/4 (stored IPv4-mapped) or IPv6 ff00::/8. */
  static boolean isMulticast(long hi, long lo) {
    if (hi == 0 && (lo >>> 32) == 0xffffL) {
      return ((lo >>> 28) & 0xf) == 0xe;
    }
    return (hi >>> 56) == 0xff;
  }
}
