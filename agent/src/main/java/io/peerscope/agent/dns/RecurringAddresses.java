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

  IpAddress of(long hi, long lo) {
    long h = (hi * 0x9e3779b97f4a7c15L) ^ (lo * 0xc2b2ae3d27d4eb4fL);
    int slot = (int) (h ^ (h >>> 32) ^ (h >>> 20)) & (SLOTS - 2);
    IpAddress held = slots[slot];
    if (held != null && held.hi() == hi && held.lo() == lo) {
      return held;
    }
    IpAddress second = slots[slot + 1];
    if (second != null && second.hi() == hi && second.lo() == lo) {
      return second;
    }
    IpAddress a = new IpAddress(hi, lo);
    slots[slot + 1] = held;
    slots[slot] = a;
    return a;
  }
}
