package io.peerscope.agent.track;

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
  /** The values' hash codes, compared first: a miss then costs no visit to another string. */
  private final int[] hashes;
  /** The values' estimated bytes: replacing one must not visit the string it replaces. */
  private final int[] bytes;
  /** Slot i's first time, last time and count at 3i, 3i+1, 3i+2: one cache line per update. */
  private final long[] meta;
  private int size;
  /** The held strings' estimated bytes, kept up to date: estimating must not visit each string. */
  private int stringBytes;

  public RecentStrings(int capacity) {
    values = new String[capacity];
    hashes = new int[capacity];
    bytes = new int[capacity];
    meta = new long[3 * capacity];
  }

  /** Records value at tsMicros; returns true when the value was not held before. */
  public boolean add(String value, long tsMicros) {
    int i = indexOf(value);
    if (i >= 0) {
      meta[3 * i + 2]++;
      meta[3 * i + 1] = Math.max(meta[3 * i + 1], tsMicros);
      return false;
    }
    int slot;
    if (size < values.length) {
      slot = size++;
    } else {
      slot = 0;
      for (int j = 1; j < size; j++) {
        if (meta[3 * j + 1] < meta[3 * slot + 1]) {
          slot = j;
        }
      }
    }
    int b = TableEntry.stringBytes(value);
    stringBytes += b - (values[slot] != null ? bytes[slot] : 0);
    bytes[slot] = b;
    values[slot] = value;
    hashes[slot] = value.hashCode();
    meta[3 * slot] = tsMicros;
    meta[3 * slot + 1] = tsMicros;
    meta[3 * slot + 2] = 1;
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
    return meta[3 * i];
  }

  public long last(int i) {
    return meta[3 * i + 1];
  }

  public long count(int i) {
    return meta[3 * i + 2];
  }

  /**
   * Names reach here as the shared instances of the DNS layer's recurring-value cache, so
   * identity usually decides before any bytes are compared.
   */
  public int indexOf(String value) {
    int h = value.hashCode();
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
    return 16 + (16 + 4 * values.length) + (16 + 24 * values.length) + 2 * (16 + 4 * values.length)
        + 8 + stringBytes;
  }

  void write(DataOutput out) throws IOException {
    out.writeByte(size);
    for (int i = 0; i < size; i++) {
      out.writeUTF(values[i]);
      out.writeLong(meta[3 * i]);
      out.writeLong(meta[3 * i + 1]);
      out.writeLong(meta[3 * i + 2]);
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
      hashes[i] = values[i].hashCode();
      bytes[i] = TableEntry.stringBytes(values[i]);
      stringBytes += bytes[i];
      meta[3 * i] = in.readLong();
      meta[3 * i + 1] = in.readLong();
      meta[3 * i + 2] = in.readLong();
    }
  }
}
