package io.peerscope.agent.track;

/**
 * xorshift64* (Vigna 2016): the deterministic random source of eviction sampling. Its state is
 * saved with the tables, so a replay split by a restart evicts exactly as an unbroken one.
 */
final class Rng {
  private long state;

  Rng(long seed) {
    this.state = seed == 0 ? 0x9e3779b97f4a7c15L : seed;
  }

  int nextInt(int bound) {
    state ^= state >>> 12;
    state ^= state << 25;
    state ^= state >>> 27;
    long r = (state * 0x2545f4914f6cdd1dL) >>> 33;
    return (int) ((r * bound) >>> 31);
  }

  long state() {
    return state;
  }

  void state(long s) {
    this.state = s == 0 ? 0x9e3779b97f4a7c15L : s;
  }
}
