package io.peerscope.agent.tcp;

/** Out-of-order bytes held by all connections of one reassembler, against the global cap. */
final class BufferBudget {
  private final long cap;
  private long used;

  BufferBudget(long cap) {
    this.cap = cap;
  }

  boolean fits(int n) {
    return used + n <= cap;
  }

  void reserve(int n) {
    used += n;
  }

  void release(int n) {
    used -= n;
  }

  long used() {
    return used;
  }
}
