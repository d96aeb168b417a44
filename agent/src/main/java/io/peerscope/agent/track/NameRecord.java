package io.peerscope.agent.track;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Everything tracked about one name: who asks (top clients and organisations, distinct counts
 * exact up to the slots and estimated beyond), when (hour-of-week, days active), for what (query
 * kinds) and how it was answered ({@link Outcomes}). The heavier parts are allocated on the
 * second lookup, so the one-off names of a flood stay small.
 */
public final class NameRecord extends TableEntry<String> {
  static final int CLIENT_SLOTS = 6;
  static final int ORG_SLOTS = 4;

  String name;
  /**
   * {@link #stringBytes} of the name, kept so that the estimate made after every lookup reads no
   * string: the table finds a name by the identity of its instance, so its characters are
   * otherwise not read at all, and reading them would cost a cache miss per lookup.
   */
  private int nameBytes;
  /**
   * {@link Hashing#name(String)} of the name, for the sketches and the seen filter, which keep
   * it across restarts: computed once per record, not per lookup.
   */
  long stableHash;
  long firstSeen;
  long lastSeen;
  long queries;
  long days;
  long lastDay = Long.MIN_VALUE;
  long firstQuerierHi;
  long firstQuerierLo;
  long firstOrgHi;
  long firstOrgLo;
  int[] hours;
  final int[] kinds = new int[QueryKind.VALUES.length];
  /** Allocated on the second lookup; until then the first querier is the only client. */
  TopClients clients;
  TopClients orgs;
  /** {@link HyperLogLog} sketches of distinct clients and organisations, once slots overflow. */
  byte[] clientSketch;
  byte[] orgSketch;
  long minTtl = -1;
  final Outcomes outcomes = new Outcomes();
  RenameEvent renamed;
  /** Where parts come from and go back to; null for records outside a tracker (tests, loading). */
  private final TrackParts parts;

  NameRecord(String name, long ts, long clientHi, long clientLo) {
    this(name, ts, clientHi, clientLo, null);
  }

  NameRecord(String name, long ts, long clientHi, long clientLo, TrackParts parts) {
    this.name = name;
    this.nameBytes = stringBytes(name);
    this.stableHash = Hashing.name(name);
    this.firstSeen = ts;
    this.lastSeen = ts;
    this.firstQuerierHi = clientHi;
    this.firstQuerierLo = clientLo;
    this.parts = parts;
    outcomes.parts = parts;
  }

  /**
   * Turns an evicted record into a new one for another name, as if just constructed; its parts go
   * back to the pool, for whichever new name needs them first.
   */
  void recycle(String newName, long ts, long clientHi, long clientLo) {
    if (parts != null) {
      parts.giveHours(hours);
      parts.giveClients(clients);
      parts.giveOrgs(orgs);
      parts.giveSketch(clientSketch);
      parts.giveSketch(orgSketch);
    }
    hours = null;
    clients = orgs = null;
    clientSketch = orgSketch = null;
    name = newName;
    nameBytes = stringBytes(newName);
    stableHash = Hashing.name(newName);
    firstSeen = ts;
    lastSeen = ts;
    queries = 0;
    days = 0;
    lastDay = Long.MIN_VALUE;
    firstQuerierHi = clientHi;
    firstQuerierLo = clientLo;
    firstOrgHi = 0;
    firstOrgLo = 0;
    java.util.Arrays.fill(kinds, 0);
    minTtl = -1;
    outcomes.clear();
    renamed = null;
  }

  private TopClients takeClients() {
    return parts != null ? parts.clients() : new TopClients(CLIENT_SLOTS, false);
  }

  private TopClients takeOrgs() {
    return parts != null ? parts.orgs() : new TopClients(ORG_SLOTS, true);
  }

  private byte[] takeSketch() {
    return parts != null ? parts.sketch() : HyperLogLog.create();
  }

  private int[] takeHours() {
    return parts != null ? parts.hours() : HourCounts.empty();
  }

  void query(long ts, long cHi, long cLo, long oHi, long oLo, QueryKind kind) {
    queries++;
    if (ts > lastSeen) {
      lastSeen = ts;
    }
    long day = HourOfWeek.day(ts);
    if (day != lastDay) {
      days++;
      lastDay = day;
    }
    kinds[kind.ordinal()]++;
    if (queries == 1) {
      firstOrgHi = oHi;
      firstOrgLo = oLo;
      return;
    }
    if (clients == null) {
      clients = takeClients();
      clients.add(firstQuerierHi, firstQuerierLo, firstSeen);
    }
    boolean full = clients.isFull();
    int slot = clients.add(cHi, cLo, ts);
    if (slot < 0 && full) {
      if (clientSketch == null) {
        clientSketch = takeSketch();
        // the slots held every distinct client until now: seed the sketch with them
        for (int i = 0; i < clients.size(); i++) {
          HyperLogLog.add(clientSketch, Hashing.address(clients.hi(i), clients.lo(i)));
        }
      }
    }
    if (clientSketch != null && slot < 0) {
      // a client found in its slot is in the sketch already (seeded with the slots, or added when
      // it took one): adding it again would change no register
      HyperLogLog.add(clientSketch, Hashing.address(cHi, cLo));
    }
    if (hours == null) {
      hours = HourCounts.add(takeHours(), HourOfWeek.index(firstSeen), parts);
      // the first lookup's organisation was remembered in two longs until now
      orgs = takeOrgs();
      orgs.add(firstOrgHi, firstOrgLo, firstSeen);
    }
    hours = HourCounts.add(hours, HourOfWeek.index(ts), parts);
    boolean orgsFull = orgs.isFull();
    int os = orgs.add(oHi, oLo, ts);
    if (os < 0 && orgsFull && orgSketch == null) {
      orgSketch = takeSketch();
      for (int i = 0; i < orgs.size(); i++) {
        HyperLogLog.add(orgSketch, Hashing.address(orgs.hi(i), orgs.lo(i)));
      }
    }
    if (orgSketch != null && os < 0) {
      HyperLogLog.add(orgSketch, Hashing.address(oHi, oLo));
    }
  }

  /** Whether this client asked for the name (among the top clients, or as the only one). */
  public boolean askedBy(long cHi, long cLo) {
    return clients == null
        ? firstQuerierHi == cHi && firstQuerierLo == cLo
        : clients.contains(cHi, cLo);
  }

  /** Whether a client of this organisation asked (among the top organisations, or the first). */
  public boolean askedByOrganisation(long oHi, long oLo) {
    return orgs == null ? firstOrgHi == oHi && firstOrgLo == oLo : orgs.contains(oHi, oLo);
  }

  public String name() {
    return name;
  }

  /** {@link TableEntry#stringBytes} of the name, known without a visit to the string. */
  int nameBytes() {
    return nameBytes;
  }

  public long firstSeen() {
    return firstSeen;
  }

  public long queries() {
    return queries;
  }

  public long days() {
    return days;
  }

  /**
   * The hour-of-week histogram, all {@value HourOfWeek#BINS} bins (a copy while few are used, so
   * for sweeps, not per lookup; not to be modified); null until the second lookup.
   */
  public int[] hours() {
    return hours == null ? null : HourCounts.dense(hours);
  }

  public int kindCount(QueryKind k) {
    return kinds[k.ordinal()];
  }

  /** Null until the second lookup ({@link #askedBy} covers the first). */
  public TopClients clients() {
    return clients;
  }

  /** Null until the second lookup. */
  public TopClients orgs() {
    return orgs;
  }

  public long distinctClients() {
    if (clients == null) {
      return 1;
    }
    return clientSketch == null
        ? clients.size()
        : Math.max(clients.size(), HyperLogLog.estimate(clientSketch));
  }

  public boolean distinctClientsExact() {
    return clientSketch == null;
  }

  public long distinctOrgs() {
    if (orgs == null) {
      return 1;
    }
    return orgSketch == null ? orgs.size() : Math.max(orgs.size(), HyperLogLog.estimate(orgSketch));
  }

  public Outcomes outcomes() {
    return outcomes;
  }

  public RenameEvent renamed() {
    return renamed;
  }

  public long minTtl() {
    return minTtl;
  }

  @Override
  boolean adoptKey(String equalName) {
    name = equalName;
    return true;
  }

  @Override
  String key() {
    return name;
  }

  @Override
  long weight() {
    return queries;
  }

  @Override
  public long lastSeen() {
    return lastSeen;
  }

  @Override
  int estimateBytes() {
    int b = 16 + 13 * 8 + 7 * 4 + nameBytes + 16 + 4 * kinds.length
        + (clients == null ? 0 : clients.bytes()) + outcomes.bytes();
    if (hours != null) {
      b += HourCounts.bytes(hours) + orgs.bytes();
    }
    if (clientSketch != null) {
      b += HyperLogLog.bytes();
    }
    if (orgSketch != null) {
      b += HyperLogLog.bytes();
    }
    if (renamed != null) {
      b += 256;
    }
    return b;
  }

  void write(DataOutput out) throws IOException {
    out.writeUTF(name);
    for (long v : new long[] {firstSeen, lastSeen, queries, days, lastDay, firstQuerierHi,
        firstQuerierLo, firstOrgHi, firstOrgLo, minTtl}) {
      out.writeLong(v);
    }
    StateIo.writeHours(out, hours);
    for (int k : kinds) {
      out.writeInt(k);
    }
    out.writeBoolean(clients != null);
    if (clients != null) {
      clients.write(out);
    }
    out.writeBoolean(orgs != null);
    if (orgs != null) {
      orgs.write(out);
    }
    StateIo.writeSketch(out, clientSketch);
    StateIo.writeSketch(out, orgSketch);
    outcomes.write(out);
    out.writeBoolean(renamed != null);
    if (renamed != null) {
      out.writeUTF(renamed.earlierName());
      out.writeUTF(renamed.address());
      out.writeUTF(renamed.firstQuerier());
      out.writeUTF(renamed.firstQuerierOrganisation());
      out.writeUTF(renamed.sharedBy());
      out.writeLong(renamed.earlierFirstSeenMicros());
      out.writeLong(renamed.earlierLastSeenMicros());
      out.writeLong(renamed.firstSeenMicros());
      out.writeLong(renamed.earlierFailingSinceMicros());
    }
  }

  static NameRecord read(DataInput in, TrackParts parts) throws IOException {
    String name = in.readUTF();
    NameRecord r = new NameRecord(name, 0, 0, 0, parts);
    r.firstSeen = in.readLong();
    r.lastSeen = in.readLong();
    r.queries = in.readLong();
    r.days = in.readLong();
    r.lastDay = in.readLong();
    r.firstQuerierHi = in.readLong();
    r.firstQuerierLo = in.readLong();
    r.firstOrgHi = in.readLong();
    r.firstOrgLo = in.readLong();
    r.minTtl = in.readLong();
    r.hours = StateIo.readHours(in);
    for (int i = 0; i < r.kinds.length; i++) {
      r.kinds[i] = in.readInt();
    }
    if (in.readBoolean()) {
      r.clients = new TopClients(CLIENT_SLOTS, false);
      r.clients.read(in);
    }
    if (in.readBoolean()) {
      r.orgs = new TopClients(ORG_SLOTS, true);
      r.orgs.read(in);
    }
    r.clientSketch = StateIo.readSketch(in);
    r.orgSketch = StateIo.readSketch(in);
    r.outcomes.read(in);
    if (in.readBoolean()) {
      r.renamed = new RenameEvent(in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(),
          in.readUTF(), in.readLong(), in.readLong(), in.readLong(), in.readLong());
    }
    if ((r.hours == null) != (r.orgs == null)) {
      throw new IOException("name record " + name + ": rhythm without organisations");
    }
    return r;
  }
}
