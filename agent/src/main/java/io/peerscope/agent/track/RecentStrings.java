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
   * The slots' numbers in one array, one object to reach instead of four. From 0, slot i's
   * {@link NameHash} (low half) at i, compared first: a miss then costs no visit to another
   * string, and a caller handed the hash by the DNS layer visits not even its own. From {@link
   * #lastCountAt}, its last time at 2i and count at 2i+1: a value seen again updates what follows
   * the hashes it scanned. From {@link #firstAt}, its first time at i; from {@link #bytesAt}, its
   * estimated bytes at i, so that replacing a value does not visit the string it replaces.
   */
  private final long[] numbers;
  private final int lastCountAt;
  private final int firstAt;
  private final int bytesAt;
  private int size;
  /** The held strings' estimated bytes, kept up to date: estimating must not visit each string. */
  private int stringBytes;

  public RecentStrings(int capacity) {
    values = new String[capacity];
    numbers = new long[5 * capacity];
    lastCountAt = capacity;
    firstAt = 3 * capacity;
    bytesAt = 4 * capacity;
  }

  /**
   * Records value, whose {@link NameHash#of} is {@code hash}, at tsMicros; returns true when the
   * value was not held before.
   */
  boolean add(String value, long hash, long tsMicros) {
    return add(value, hash, TableEntry.stringBytes(value), tsMicros);
  }

  /**
   * The same with the value's {@link TableEntry#stringBytes} known: a name held by the tracker
   * knows it, and is then added without a visit to its string.
   */
  boolean add(String value, long hash, int valueBytes, long tsMicros) {
    int i = indexOf(value, hash);
    if (i >= 0) {
      numbers[lastCountAt + 2 * i + 1]++;
      if (tsMicros > numbers[lastCountAt + 2 * i]) {
        numbers[lastCountAt + 2 * i] = tsMicros;
      }
      return false;
    }
    int slot;
    if (size < values.length) {
      slot = size++;
    } else {
      slot = 0;
      for (int j = 1; j < size; j++) {
        if (numbers[lastCountAt + 2 * j] < numbers[lastCountAt + 2 * slot]) {
          slot = j;
        }
      }
    }
    stringBytes += valueBytes - (values[slot] != null ? numbers[bytesAt + slot] : 0);
    numbers[bytesAt + slot] = valueBytes;
    values[slot] = value;
    numbers[slot] = (int) hash;
    numbers[firstAt + slot] = tsMicros;
    numbers[lastCountAt + 2 * slot] = tsMicros;
    numbers[lastCountAt + 2 * slot + 1] = 1;
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
    return numbers[firstAt + i];
  }

  public long last(int i) {
    return numbers[lastCountAt + 2 * i];
  }

  public long count(int i) {
    return numbers[lastCountAt + 2 * i + 1];
  }

  /**
   * The slot holding value, whose {@link NameHash#of} is {@code hash}, or -1. Names reach here as
   * the shared instances of the DNS layer's recurring-value cache, so identity usually decides
   * before any bytes are compared.
   */
  int indexOf(String value, long hash) {
    int h = (int) hash;
    for (int i = 0; i < size; i++) {
      if (numbers[i] == h) {
        String held = values[i];
        if (held == value || held.equals(value)) {
          return i;
        }
      }
    }
    return -1;
  }

  int bytes() {
    return 16 + (16 + 4 * values.length) + (16 + 5 * 8 * values.length) + 3 * 4 + 8 + stringBytes;
  }

  void write(DataOutput out) throws IOException {
    out.writeByte(size);
    for (int i = 0; i < size; i++) {
      out.writeUTF(values[i]);
      out.writeLong(numbers[firstAt + i]);
      out.writeLong(numbers[lastCountAt + 2 * i]);
      out.writeLong(numbers[lastCountAt + 2 * i + 1]);
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
      numbers[i] = (int) NameHash.of(values[i]);
      numbers[bytesAt + i] = TableEntry.stringBytes(values[i]);
      stringBytes += numbers[bytesAt + i];
      numbers[firstAt + i] = in.readLong();
      numbers[lastCountAt + 2 * i] = in.readLong();
      numbers[lastCountAt + 2 * i + 1] = in.readLong();
    }
  }
}
