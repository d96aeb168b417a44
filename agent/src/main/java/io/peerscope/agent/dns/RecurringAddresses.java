package io.peerscope.agent.dns;

import io.peerscope.agent.decode.IpAddress;

/**
 * Hands out the same {@link IpAddress} for the clients and servers a network keeps showing
 * (thousands of clients, a handful of resolvers) instead of two new values per transaction.
 * Direct-mapped and bounded by {@link #SLOTS}; a newcomer takes its slot. Addresses are immutable
 * values, so sharing one instance between transactions changes nothing downstream.
 */
final class RecurringAddresses {
  static final int SLOTS = 4096;

  private final IpAddress[] slots = new IpAddress[SLOTS];

  IpAddress of(long hi, long lo) {
    long h = (hi * 0x9e3779b97f4a7c15L) ^ (lo * 0xc2b2ae3d27d4eb4fL);
    int slot = (int) (h ^ (h >>> 32) ^ (h >>> 20)) & (SLOTS - 1);
    IpAddress held = slots[slot];
    if (held != null && held.hi() == hi && held.lo() == lo) {
      return held;
    }
    IpAddress a = new IpAddress(hi, lo);
    slots[slot] = a;
    return a;
  }
}
