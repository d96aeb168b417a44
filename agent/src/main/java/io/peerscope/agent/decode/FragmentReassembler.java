package io.peerscope.agent.decode;

import io.peerscope.agent.metrics.Counters;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * Reassembles fragmented IPv4 (RFC 791) and IPv6 (RFC 8200 section 4.5) datagrams under fixed
 * caps: datagrams in flight, bytes held, and a timeout in capture time. Beyond a cap the oldest
 * datagram is evicted and counted, so a flood of fragments that never complete costs bounded
 * memory. Overlaps keep the bytes that arrived first (first-wins, as Windows and the BSDs resolve
 * the "Teardrop"-style ambiguity); each overlapping fragment is counted. A completed datagram is
 * copied into a buffer owned here and stays valid until the next call.
 */
public final class FragmentReassembler {
  /** Largest IP payload a 16-bit length field allows. */
  static final int MAX_DATAGRAM = 65_535;

  private final DecodeLimits limits;
  private final DecodeCounters counters;
  /** Insertion order is first-fragment order, which is capture-time order: the head expires first. */
  private final LinkedHashMap<Key, Datagram> inFlight = new LinkedHashMap<>();
  private final byte[] output = new byte[MAX_DATAGRAM];
  private long bytesHeld;
  private int completedProtocol;

  public FragmentReassembler(DecodeLimits limits, Counters counters) {
    this(limits, new DecodeCounters(counters));
  }

  FragmentReassembler(DecodeLimits limits, DecodeCounters counters) {
    this.limits = limits;
    this.counters = counters;
  }

  private record Key(long srcHi, long srcLo, long dstHi, long dstLo, long id) {}

  private static final class Datagram {
    final long firstSeenMicros;
    byte[] data = new byte[0];
    /** One bit per 8-byte unit received, the granularity of fragment offsets. */
    long[] covered = new long[0];
    int total = -1;
    int maxEnd;
    int protocol = -1;

    Datagram(long firstSeenMicros) {
      this.firstSeenMicros = firstSeenMicros;
    }

    int held() {
      return data.length + covered.length * 8;
    }
  }

  /**
   * Adds one fragment.
   *
   * @param id the IP identification; for IPv4 the caller folds in the protocol (RFC 791 keys on
   *     source, destination, protocol and identification)
   * @param protocol the transport (IPv4) or the fragment header's next header (IPv6); the first
   *     fragment's value is the one the datagram keeps
   * @param offset byte offset of this fragment in the datagram
   * @return the length of the datagram this fragment completes (its bytes are in {@link
   *     #buffer()}), or -1 when it is still incomplete or the fragment was rejected
   */
  public int add(
      long srcHi, long srcLo, long dstHi, long dstLo, long id, int protocol,
      int offset, boolean more, byte[] b, int off, int len, long nowMicros) {
    counters.fragments.inc();
    int end = offset + len;
    if (end > MAX_DATAGRAM) {
      counters.fragmentTooLarge.inc(); // "ping of death": would overflow the 16-bit length
      return -1;
    }
    if (more && (len == 0 || (len & 7) != 0)) {
      counters.badFragment.inc(); // only the last fragment may end off an 8-byte boundary
      return -1;
    }
    Key key = new Key(srcHi, srcLo, dstHi, dstLo, id);
    Datagram d = inFlight.get(key);
    if (d == null) {
      while (inFlight.size() >= limits.maxFragmentDatagrams()) {
        evictOldest();
      }
      d = new Datagram(nowMicros);
      inFlight.put(key, d);
    }
    if (!more) {
      if (d.total >= 0 && d.total != end) {
        counters.fragmentOverlaps.inc(); // a second, different end: the first one stands
        return -1;
      }
      d.total = end;
    }
    if (d.total >= 0 && Math.max(end, d.maxEnd) > d.total) {
      counters.badFragment.inc(); // data beyond the end the last fragment declared
      drop(key, d);
      return -1;
    }
    if (!reserve(key, d, end)) {
      return -1;
    }
    if (copyFirstWins(d, offset, b, off, len)) {
      counters.fragmentOverlaps.inc();
    }
    d.maxEnd = Math.max(d.maxEnd, end);
    if (offset == 0) {
      d.protocol = protocol;
    }
    if (d.total < 0 || d.protocol < 0 || !complete(d)) {
      return -1;
    }
    System.arraycopy(d.data, 0, output, 0, d.total);
    completedProtocol = d.protocol;
    drop(key, d);
    counters.fragmentsReassembled.inc();
    return d.total;
  }

  /** The bytes of the datagram the last successful {@link #add} completed. */
  public byte[] buffer() {
    return output;
  }

  /** The protocol (next header for IPv6) given by the first fragment of that datagram. */
  public int completedProtocol() {
    return completedProtocol;
  }

  /** Drops incomplete datagrams whose first fragment is older than the timeout. */
  public void expire(long nowMicros) {
    Iterator<Datagram> it = inFlight.values().iterator();
    while (it.hasNext()) {
      Datagram d = it.next();
      if (nowMicros - d.firstSeenMicros < limits.fragmentTimeoutMicros()) {
        return;
      }
      it.remove();
      bytesHeld -= d.held();
      counters.fragmentTimeouts.inc();
    }
  }

  /** Drops everything in flight (end of capture), counted as timeouts. */
  public void clear() {
    counters.fragmentTimeouts.add(inFlight.size());
    inFlight.clear();
    bytesHeld = 0;
  }

  public int inFlight() {
    return inFlight.size();
  }

  public long bytesHeld() {
    return bytesHeld;
  }

  /** Grows the datagram's buffers to hold `end` bytes within the byte cap, evicting the oldest. */
  private boolean reserve(Key key, Datagram d, int end) {
    if (end <= d.data.length) {
      return true;
    }
    int size = Math.min(MAX_DATAGRAM + 1, Math.max(2048, Integer.highestOneBit(end - 1) << 1));
    int units = (size + 7) >>> 3;
    long growth = size - d.data.length + (((units + 63) >>> 6) - d.covered.length) * 8L;
    while (bytesHeld + growth > limits.maxFragmentBytes() && inFlight.size() > 1) {
      Key oldest = inFlight.keySet().iterator().next();
      if (oldest.equals(key)) {
        // this datagram is the oldest: make room from the next ones instead
        Iterator<Key> it = inFlight.keySet().iterator();
        it.next();
        Key victim = it.next();
        drop(victim, inFlight.get(victim));
      } else {
        drop(oldest, inFlight.get(oldest));
      }
      counters.fragmentsEvicted.inc();
    }
    if (bytesHeld + growth > limits.maxFragmentBytes()) {
      drop(key, d);
      counters.fragmentsEvicted.inc();
      return false;
    }
    d.data = Arrays.copyOf(d.data, size);
    d.covered = Arrays.copyOf(d.covered, (units + 63) >>> 6);
    bytesHeld += growth;
    return true;
  }

  /** Copies the 8-byte units not yet received; true when any unit had already been received. */
  private static boolean copyFirstWins(Datagram d, int offset, byte[] b, int off, int len) {
    boolean overlap = false;
    int end = offset + len;
    for (int unit = offset >>> 3; unit << 3 < end; unit++) {
      long bit = 1L << (unit & 63);
      int word = unit >>> 6;
      if ((d.covered[word] & bit) != 0) {
        overlap = true;
        continue;
      }
      d.covered[word] |= bit;
      int from = unit << 3;
      System.arraycopy(b, off + (from - offset), d.data, from, Math.min(8, end - from));
    }
    return overlap;
  }

  private static boolean complete(Datagram d) {
    int units = (d.total + 7) >>> 3;
    int fullWords = units >>> 6;
    for (int w = 0; w < fullWords; w++) {
      if (d.covered[w] != -1L) {
        return false;
      }
    }
    int rest = units & 63;
    if (rest == 0) {
      return true;
    }
    long mask = (1L << rest) - 1;
    return (d.covered[fullWords] & mask) == mask;
  }

  private void evictOldest() {
    Iterator<Datagram> it = inFlight.values().iterator();
    Datagram d = it.next();
    it.remove();
    bytesHeld -= d.held();
    counters.fragmentsEvicted.inc();
  }

  private void drop(Key key, Datagram d) {
    inFlight.remove(key);
    bytesHeld -= d.held();
  }
}
