package io.peerscope.agent.track;

import io.peerscope.agent.dns.NameHash;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A few strings with first/last seen and counts; when full, the one seen longest ago makes room.
 * Holds the addresses a name resolved to over time, the names an address served and a client's
 * recent names.
 */
public final class RecentStrings {
  private final String[] values;
  /**
   * The values' {@link NameHash}es (low half), compared first: a miss then costs no visit to
   * another string, and a caller handed the hash by the DNS layer visits not even its own.
   */
  private final int[] hashes;
  /** The values' estimated bytes: replacing one must not visit the string it replaces. */
  private final int[] bytes;
  /**
   * Slot i's last time at 2i and count at 2i+1: a value seen again updates one cache line, and
   * finding the slot seen longest ago reads two, not every slot's whole record.
   */
  private final long[] lastCount;
  /** The slots' first times, written when a value takes a slot. */
  private final long[] first;
  private int size;
  /** The held strings' estimated bytes, kept up to date: estimating must not visit each string. */
  private int stringBytes;

  public RecentStrings(int capacity) {
    values = new String[capacity];
    hashes = new int[capacity];
    bytes = new int[capacity];
    lastCount = new long[2 * capacity];
    first = new long[capacity];
  }

  /**
   * Records value, whose {@link NameHash#of} is {@code hash}, at tsMicros; returns true when the
   * value was not held before.
   */
  boolean add(String value, long hash, long tsMicros) {
    int i = indexOf(value, hash);
    if (i >= 0) {
      lastCount[2 * i + 1]++;
      if (tsMicros > lastCount[2 * i]) {
        lastCount[2 * i] = tsMicros;
      }
      return false;
    }
    int slot;
    if (size < values.length) {
      slot = size++;
    } else {
      slot = 0;
      for (int j = 1; j < size; j++) {
        if (lastCount[2 * j] < lastCount[2 * slot]) {
          slot = j;
        }
      }
    }
    int b = TableEntry.stringBytes(value);
    stringBytes += b - (values[slot] != null ? bytes[slot] : 0);
    bytes[slot] = b;
    values[slot] = value;
    hashes[slot] = (int) hash;
    first[slot] = tsMicros;
    lastCount[2 * slot] = tsMicros;
    lastCount[2 * slot + 1] = 1;
    return true;
  }

  /** Empties the slots, for a recycled record. */
  void clear() {
    java.util.Arrays.fill(values, 0, size, null);
    size = 0;
    stringBytes = 0;
  }

  public int size() {
    return size;
  }

  public String value(int i) {
    return values[i];
  }

  public long first(int i) {
    return first[i];
  }

  public long last(int i) {
    return lastCount[2 * i];
  }

  public long count(int i) {
    return lastCount[2 * i + 1];
  }

  /**
   * The slot holding value, whose {@link NameHash#of} is {@code hash}, or -1. Names reach here as
   * the shared instances of the DNS layer's recurring-value cache, so identity usually decides
   * before any bytes are compared.
   */
  int indexOf(String value, long hash) {
    int h = (int) hash;
    for (int i = 0; i < size; i++) {
      if (hashes[i] == h) {
        String v = values[i];
        if (v == value || v.equals(value)) {
          return i;
        }
      }
    }
    return -1;
  }

  int bytes() {
    return 16 + (16 + 4 * values.length) + (16 + 8 * values.length) + (16 + 16 * values.length)
        + 2 * (16 + 4 * values.length) + 8 + stringBytes;
  }

  void write(DataOutput out) throws IOException {
    out.writeByte(size);
    for (int i = 0; i < size; i++) {
      out.writeUTF(values[i]);
      out.writeLong(first[i]);
      out.writeLong(lastCount[2 * i]);
      out.writeLong(lastCount[2 * i + 1]);
    }
  }

  void read(DataInput in) throws IOException {
    int n = in.readUnsignedByte();
    if (n > values.length) {
      throw new IOException("recent strings: " + n + " values, capacity " + values.length);
    }
    size = n;
    stringBytes = 0;
    for (int i = 0; i < n; i++) {
      values[i] = in.readUTF();
      hashes[i] = (int) NameHash.of(values[i]);
      bytes[i] = TableEntry.stringBytes(values[i]);
      stringBytes += bytes[i];
      first[i] = in.readLong();
      lastCount[2 * i] = in.readLong();
      lastCount[2 * i + 1] = in.readLong();
    }
  }
}
