package io.peerscope.agent.track;

import io.peerscope.agent.decode.IpAddress;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** One client's lookups: how many, when, its recent names and how many distinct it asked. */
public final class ClientRecord extends TableEntry<IpAddress> {
  static final int NAME_SLOTS = 8;

  IpAddress client;
  long queries;
  long firstSeen;
  long lastSeen;
  final RecentStrings names = new RecentStrings(NAME_SLOTS);
  long exactDistinct;
  /** A {@link HyperLogLog} sketch; null until the slots overflow. */
  byte[] nameSketch;

  ClientRecord(IpAddress client, long ts) {
    this.client = client;
    this.firstSeen = ts;
    this.lastSeen = ts;
  }

  /**
   * Turns an evicted record into a new one for another client, as if just constructed: a flood
   * from a /16 of spoofed sources then costs no allocation per source. The name sketch goes, so
   * that a one-off source does not keep a heavy client's parts.
   */
  void recycle(IpAddress newClient, long ts) {
    client = newClient;
    queries = 0;
    firstSeen = ts;
    lastSeen = ts;
    names.clear();
    exactDistinct = 0;
    nameSketch = null;
  }

  /**
   * @param nameHash the name's {@link io.peerscope.agent.dns.NameHash}
   * @param nameBytes {@link TableEntry#stringBytes} of the name
   * @param stableHash the name's {@link Hashing#name(String)} ({@link NameRecord#stableHash}),
   *     for the sketch, which outlives this process
   */
  void query(String name, long nameHash, int nameBytes, long stableHash, long ts) {
    queries++;
    lastSeen = Math.max(lastSeen, ts);
    boolean wasFull = names.size() == NAME_SLOTS;
    boolean fresh = names.add(name, nameHash, nameBytes, ts);
    if (fresh && !wasFull) {
      exactDistinct++;
    } else if (fresh && nameSketch == null) {
      // first name beyond the slots: from here on distinct names are estimated
      nameSketch = HyperLogLog.create();
    }
    if (fresh && nameSketch != null) {
      // a name still among the recent ones was added when it came: adding it again would change
      // no register, and would cost a cache miss per lookup
      HyperLogLog.add(nameSketch, stableHash);
    }
  }

  public IpAddress client() {
    return client;
  }

  public long queries() {
    return queries;
  }

  public RecentStrings names() {
    return names;
  }

  /** Distinct names asked: exact up to the slots, then at least that plus the estimate. */
  public long distinctNames() {
    return nameSketch == null ? exactDistinct : exactDistinct + HyperLogLog.estimate(nameSketch);
  }

  @Override
  boolean adoptKey(IpAddress equalClient) {
    client = equalClient;
    return true;
  }

  @Override
  IpAddress key() {
    return client;
  }

  @Override
  long weight() {
    return queries;
  }

  @Override
  long lastSeen() {
    return lastSeen;
  }

  @Override
  int estimateBytes() {
    return 16 + 5 * 8 + 32 + names.bytes() + (nameSketch == null ? 0 : HyperLogLog.bytes());
  }

  void write(DataOutput out) throws IOException {
    out.writeLong(client.hi());
    out.writeLong(client.lo());
    out.writeLong(queries);
    out.writeLong(firstSeen);
    out.writeLong(lastSeen);
    out.writeLong(exactDistinct);
    names.write(out);
    StateIo.writeSketch(out, nameSketch);
  }

  static ClientRecord read(DataInput in) throws IOException {
    ClientRecord r = new ClientRecord(new IpAddress(in.readLong(), in.readLong()), 0);
    r.queries = in.readLong();
    r.firstSeen = in.readLong();
    r.lastSeen = in.readLong();
    r.exactDistinct = in.readLong();
    r.names.read(in);
    r.nameSketch = StateIo.readSketch(in);
    return r;
  }
}
