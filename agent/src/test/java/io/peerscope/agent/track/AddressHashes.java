package io.peerscope.agent.track;

import io.peerscope.agent.dns.NameHash;

/** The hashes the DNS layer hands over with an answer's addresses, for tests that make answers. */
final class AddressHashes {
  private AddressHashes() {}

  static long[] of(String[] addrs) {
    long[] h = new long[addrs.length];
    for (int i = 0; i < addrs.length; i++) {
      h[i] = addrs[i] == null ? 0 : NameHash.of(addrs[i]);
    }
    return h;
  }
}
