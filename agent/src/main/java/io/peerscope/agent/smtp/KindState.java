package io.peerscope.agent.smtp;

/** One finding kind of one server: when its condition was seen, how often, when last published. */
final class KindState {
  long firstSeenMicros = Long.MAX_VALUE;
  long lastSeenMicros = Long.MIN_VALUE;
  long count;
  boolean dirty;
  boolean emitted;
  long lastEmittedMicros;

  void seen(long startMicros, long endMicros, long n) {
    firstSeenMicros = Math.min(firstSeenMicros, startMicros);
    lastSeenMicros = Math.max(lastSeenMicros, endMicros);
    count += n;
    dirty = true;
  }

  boolean active() {
    return count > 0;
  }
}
