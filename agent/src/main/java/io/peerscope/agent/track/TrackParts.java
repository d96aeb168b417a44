package io.peerscope.agent.track;

import java.util.ArrayDeque;

/**
 * The parts a name record allocates on its second lookup (top clients and organisations with
 * their rhythm, the hour-of-week histogram, sketches, address history, failure askers), handed
 * back when the record is evicted and handed out, cleared, to the next record that needs them.
 * A busy resolver's names come and go by the thousand per second; in steady state each new
 * record's parts are an evicted one's, so tracking allocates nothing.
 *
 * <p>At most {@link #MAX_PER_KIND} of each kind wait here; more are left to the collector, so the
 * pool never holds more than a megabyte or two ({@link #bytes()} counts them).
 */
final class TrackParts {
  static final int MAX_PER_KIND = 256;

  /** Hour histograms by form: the sparse lengths of {@link HourCounts}, then the dense one. */
  @SuppressWarnings("unchecked")
  private final ArrayDeque<int[]>[] hours = new ArrayDeque[HourCounts.SPARSE_LENGTHS.length + 1];
  private final ArrayDeque<TopClients> clients = new ArrayDeque<>();
  private final ArrayDeque<TopClients> orgs = new ArrayDeque<>();
  private final ArrayDeque<byte[]> sketches = new ArrayDeque<>();
  private final ArrayDeque<RecentStrings> addresses = new ArrayDeque<>();
  private final ArrayDeque<TopClients> failAskers = new ArrayDeque<>();

  TrackParts() {
    for (int i = 0; i < hours.length; i++) {
      hours[i] = new ArrayDeque<>();
    }
  }

  /** An empty histogram in its smallest form. */
  int[] hours() {
    return hours(HourCounts.SPARSE_LENGTHS[0]);
  }

  /** An empty histogram array of one of {@link HourCounts}' lengths. */
  int[] hours(int length) {
    int[] h = hours[formOf(length)].poll();
    return h != null ? h : new int[length];
  }

  private static int formOf(int length) {
    int[] sparse = HourCounts.SPARSE_LENGTHS;
    for (int i = 0; i < sparse.length; i++) {
      if (sparse[i] == length) {
        return i;
      }
    }
    if (length != HourOfWeek.BINS) {
      throw new IllegalArgumentException("no hour histogram has length " + length);
    }
    return sparse.length;
  }

  TopClients clients() {
    TopClients t = clients.poll();
    return t != null ? t : new TopClients(NameRecord.CLIENT_SLOTS, false);
  }

  TopClients orgs() {
    TopClients t = orgs.poll();
    if (t == null) {
      t = new TopClients(NameRecord.ORG_SLOTS, true);
      t.parts = this;
    }
    return t;
  }

  byte[] sketch() {
    byte[] s = sketches.poll();
    return s != null ? s : HyperLogLog.create();
  }

  RecentStrings addresses() {
    RecentStrings r = addresses.poll();
    return r != null ? r : new RecentStrings(Outcomes.ADDRESS_HISTORY);
  }

  TopClients failAskers() {
    TopClients t = failAskers.poll();
    return t != null ? t : new TopClients(Outcomes.FAIL_ASKER_SLOTS, false);
  }

  void giveHours(int[] h) {
    if (h == null) {
      return;
    }
    ArrayDeque<int[]> pool = hours[formOf(h.length)];
    if (pool.size() < MAX_PER_KIND) {
      HourCounts.clear(h);
      pool.push(h);
    }
  }

  void giveClients(TopClients t) {
    give(clients, t);
  }

  void giveOrgs(TopClients t) {
    give(orgs, t);
  }

  void giveFailAskers(TopClients t) {
    give(failAskers, t);
  }

  void giveSketch(byte[] s) {
    if (s != null && sketches.size() < MAX_PER_KIND) {
      HyperLogLog.clear(s);
      sketches.push(s);
    }
  }

  void giveAddresses(RecentStrings r) {
    if (r != null && addresses.size() < MAX_PER_KIND) {
      r.clear();
      addresses.push(r);
    }
  }

  private static void give(ArrayDeque<TopClients> to, TopClients t) {
    if (t != null && to.size() < MAX_PER_KIND) {
      t.clear();
      to.push(t);
    }
  }

  /** Estimated bytes waiting here. */
  long bytes() {
    long b = sketches.size() * (long) HyperLogLog.bytes();
    for (ArrayDeque<int[]> pool : hours) {
      for (int[] h : pool) {
        b += HourCounts.bytes(h);
      }
    }
    for (TopClients t : clients) {
      b += t.bytes();
    }
    for (TopClients t : orgs) {
      b += t.bytes();
    }
    for (TopClients t : failAskers) {
      b += t.bytes();
    }
    for (RecentStrings r : addresses) {
      b += r.bytes();
    }
    return b;
  }
}
