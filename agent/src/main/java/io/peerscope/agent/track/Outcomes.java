package io.peerscope.agent.track;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * How lookups of one name were answered: rcode history, the addresses it resolved to over time,
 * the last good answer and the current run of failures (with who kept asking during it).
 */
public final class Outcomes {
  /** rcode slot for a query that never got a response. */
  public static final int UNANSWERED = -1;
  static final int ADDRESS_HISTORY = 4;
  static final int FAIL_ASKER_SLOTS = 4;

  long noError;
  long noData;
  long nxDomain;
  long servFail;
  long refused;
  long otherRcode;
  long unanswered;
  long goodAnswers;
  long goodDays;
  long lastGoodDay = Long.MIN_VALUE;
  long firstGood;
  long lastGood;
  /**
   * Addresses of the last good answer that carried any, the first {@link #lastGoodCount} slots:
   * references to the DNS layer's strings, so a changed answer costs no joined copy.
   */
  private final String[] lastGoodParts = new String[LAST_GOOD_SLOTS];
  private int lastGoodCount;
  static final int LAST_GOOD_SLOTS = 4;
  private static final RecentStrings NO_ADDRESSES = new RecentStrings(0);
  /** Allocated with the first address: most names of a flood never resolve. */
  RecentStrings addresses;
  long failRunStart;
  long failRunLast;
  long failRunCount;
  int failRunFirstRcode;
  TopClients failAskers;

  /** Where the allocated parts come from and go back to; null outside a tracker. */
  TrackParts parts;

  /** Back to a fresh record's outcomes; the allocated parts go back to the pool. */
  void clear() {
    noError = noData = nxDomain = servFail = refused = otherRcode = unanswered = 0;
    goodAnswers = goodDays = firstGood = lastGood = 0;
    lastGoodDay = Long.MIN_VALUE;
    java.util.Arrays.fill(lastGoodParts, null);
    lastGoodCount = 0;
    failRunStart = failRunLast = failRunCount = 0;
    failRunFirstRcode = 0;
    if (parts != null) {
      parts.giveAddresses(addresses);
      parts.giveFailAskers(failAskers);
    }
    addresses = null;
    failAskers = null;
  }

  /** @param addrHashes the addresses' {@link io.peerscope.agent.dns.NameHash}es */
  void good(long ts, String[] addrs, long[] addrHashes, int addrCount) {
    goodAnswers++;
    long day = HourOfWeek.day(ts);
    if (day != lastGoodDay) {
      goodDays++;
      lastGoodDay = day;
    }
    if (firstGood == 0) {
      firstGood = ts;
    }
    lastGood = ts;
    if (addrCount > 0) {
      if (addresses == null) {
        addresses = parts != null ? parts.addresses() : new RecentStrings(ADDRESS_HISTORY);
      }
      for (int i = 0; i < addrCount; i++) {
        addresses.add(addrs[i], addrHashes[i], ts);
      }
      int n = Math.min(addrCount, LAST_GOOD_SLOTS);
      System.arraycopy(addrs, 0, lastGoodParts, 0, n);
      java.util.Arrays.fill(lastGoodParts, n, LAST_GOOD_SLOTS, null);
      lastGoodCount = n;
    }
    failRunCount = 0;
    if (failAskers != null) {
      failAskers.clear();
    }
  }

  void failure(long ts, int rcode, long clientHi, long clientLo) {
    switch (rcode) {
      case UNANSWERED -> unanswered++;
      case 2 -> servFail++;
      case 3 -> nxDomain++;
      case 5 -> refused++;
      default -> otherRcode++;
    }
    if (failRunCount == 0) {
      failRunStart = ts;
      failRunFirstRcode = rcode;
    }
    failRunCount++;
    failRunLast = ts;
    if (goodAnswers == 0) {
      return; // never resolved: nothing can be severed, so who asked does not matter
    }
    if (failAskers == null) {
      failAskers = parts != null ? parts.failAskers() : new TopClients(FAIL_ASKER_SLOTS, false);
    }
    failAskers.add(clientHi, clientLo, ts);
  }

  public long goodAnswers() {
    return goodAnswers;
  }

  public long goodDays() {
    return goodDays;
  }

  public long lastGood() {
    return lastGood;
  }

  /** The last good answer's addresses joined by spaces; empty before any. */
  public String lastGoodAddresses() {
    return String.join(" ", java.util.Arrays.asList(lastGoodParts).subList(0, lastGoodCount));
  }

  public RecentStrings addresses() {
    return addresses == null ? NO_ADDRESSES : addresses;
  }

  public long failRunCount() {
    return failRunCount;
  }

  public long failRunStart() {
    return failRunStart;
  }

  public long failRunLast() {
    return failRunLast;
  }

  public int failRunFirstRcode() {
    return failRunFirstRcode;
  }

  public TopClients failAskers() {
    return failAskers;
  }

  /** rcode counts for evidence. */
  public java.util.Map<String, Object> rcodeHistory() {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("noerror", noError);
    m.put("nodata", noData);
    m.put("nxdomain", nxDomain);
    m.put("servfail", servFail);
    m.put("refused", refused);
    m.put("other", otherRcode);
    m.put("unanswered", unanswered);
    return m;
  }

  int bytes() {
    // the address strings are the DNS layer's shared instances, counted by the address table
    return 16 + 20 * 8 + 16 + 4 * LAST_GOOD_SLOTS + 4
        + (addresses == null ? 0 : addresses.bytes())
        + (failAskers == null ? 0 : failAskers.bytes());
  }

  void write(DataOutput out) throws IOException {
    for (long v : new long[] {noError, noData, nxDomain, servFail, refused, otherRcode,
        unanswered, goodAnswers, goodDays, lastGoodDay, firstGood, lastGood, failRunStart,
        failRunLast, failRunCount}) {
      out.writeLong(v);
    }
    out.writeInt(failRunFirstRcode);
    out.writeUTF(lastGoodAddresses());
    out.writeBoolean(addresses != null);
    if (addresses != null) {
      addresses.write(out);
    }
    out.writeBoolean(failAskers != null);
    if (failAskers != null) {
      failAskers.write(out);
    }
  }

  void read(DataInput in) throws IOException {
    noError = in.readLong();
    noData = in.readLong();
    nxDomain = in.readLong();
    servFail = in.readLong();
    refused = in.readLong();
    otherRcode = in.readLong();
    unanswered = in.readLong();
    goodAnswers = in.readLong();
    goodDays = in.readLong();
    lastGoodDay = in.readLong();
    firstGood = in.readLong();
    lastGood = in.readLong();
    failRunStart = in.readLong();
    failRunLast = in.readLong();
    failRunCount = in.readLong();
    failRunFirstRcode = in.readInt();
    String joined = in.readUTF();
    String[] parts = joined.isEmpty() ? new String[0] : joined.split(" ");
    if (parts.length > LAST_GOOD_SLOTS) {
      throw new IOException("last good answer: " + parts.length + " addresses");
    }
    System.arraycopy(parts, 0, lastGoodParts, 0, parts.length);
    lastGoodCount = parts.length;
    if (in.readBoolean()) {
      addresses = new RecentStrings(ADDRESS_HISTORY);
      addresses.read(in);
    }
    if (in.readBoolean()) {
      failAskers = new TopClients(FAIL_ASKER_SLOTS, false);
      failAskers.read(in);
    }
  }
}
