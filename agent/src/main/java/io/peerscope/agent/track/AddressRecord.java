package io.peerscope.agent.track;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** The names that resolved to one address, with when each did (renamed hosts are found here). */
public final class AddressRecord extends TableEntry<String> {
  public static final int CAPACITY = 8;

  String address;
  /** {@link #stringBytes} of the address, for the estimate after every answer (as NameRecord's). */
  private final int addressBytes;
  final RecentStrings names = new RecentStrings(CAPACITY);
  long answers;
  long lastSeen;
  /** Distinct names ever seen for this address, beyond what the slots hold. */
  long distinctNames;

  AddressRecord(String address) {
    this.address = address;
    this.addressBytes = stringBytes(address);
  }

  /**
   * @param nameHash the name's {@link io.peerscope.agent.dns.NameHash}
   * @param nameBytes {@link TableEntry#stringBytes} of the name
   */
  void resolved(String name, long nameHash, int nameBytes, long ts) {
    answers++;
    lastSeen = Math.max(lastSeen, ts);
    if (names.add(name, nameHash, nameBytes, ts)) {
      distinctNames++;
    }
  }

  public String address() {
    return address;
  }

  public RecentStrings names() {
    return names;
  }

  public long distinctNames() {
    return distinctNames;
  }

  @Override
  boolean adoptKey(String equalAddress) {
    address = equalAddress;
    return true;
  }

  @Override
  String key() {
    return address;
  }

  @Override
  long weight() {
    return answers;
  }

  @Override
  long lastSeen() {
    return lastSeen;
  }

  @Override
  int estimateBytes() {
    return 16 + 3 * 8 + 4 + addressBytes + names.bytes();
  }

  void write(DataOutput out) throws IOException {
    out.writeUTF(address);
    out.writeLong(answers);
    out.writeLong(lastSeen);
    out.writeLong(distinctNames);
    names.write(out);
  }

  static AddressRecord read(DataInput in) throws IOException {
    AddressRecord r = new AddressRecord(in.readUTF());
    r.answers = in.readLong();
    r.lastSeen = in.readLong();
    r.distinctNames = in.readLong();
    r.names.read(in);
    return r;
  }
}
