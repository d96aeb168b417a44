package io.peerscope.agent.dns;

import io.peerscope.agent.decode.IpAddress;

/**
 * Hands out the same {@link IpAddress} for the clients and servers a network keeps showing
 * (thousands of clients, a handful of resolvers) instead of two new values per transaction.
 * Two-way set-associative and bounded by {@link #SLOTS}: a newcomer takes the first way of its
 * set and pushes the holder to the second, so two busy addresses sharing a set both stay.
 * Addresses are immutable values, so sharing one instance between transactions changes nothing
 * downstream.
 */
final class RecurringAddresses {
  static final int SLOTS = 16384;

  private final IpAddress[] slots = new IpAddress[SLOTS];
  /**
   * The held addresses' two longs, slot i's at 2i and 2i + 1: a lookup compares them here and
   * hands out the instance without visiting it.
   */
  private final long[] keys = new long[2 * SLOTS];

  IpAddress of(long hi, long lo) {
    long h = (hi * 0x9e3779b97f4a7c15L) ^ (lo * 0xc2b2ae3d27d4eb4fL);
    int slot = (int) (h ^ (h >>> 32) ^ (h >>> 20)) & (SLOTS - 2);
    long[] k = keys;
    IpAddress held = slots[slot];
    if (held != null && k[2 * slot] == hi && k[2 * slot + 1] == lo) {
      return held;
    }
    IpAddress second = slots[slot + 1];
    if (second != null && k[2 * slot + 2] == hi && k[2 * slot + 3] == lo) {
      return second;
    }
    IpAddress a = new IpAddress(hi, lo);
    slots[slot + 1] = held;
    k[2 * slot + 2] = k[2 * slot];
    k[2 * slot + 3] = k[2 * slot + 1];
    slots[slot] = a;
    k[2 * slot] = hi;
    k[2 * slot + 1] = lo;
    return a;
  }
}
