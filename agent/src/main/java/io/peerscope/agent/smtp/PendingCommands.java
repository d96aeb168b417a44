package io.peerscope.agent.smtp;

/**
 * Commands that wait for their reply, oldest first. With pipelining (RFC 2920) a client sends a
 * batch and the server answers in order, so each complete reply belongs to the oldest pending
 * command. A ring of fixed size: if a client sends more than it holds without the server
 * answering, the oldest are dropped and counted.
 */
final class PendingCommands {
  private final SmtpVerb[] ring;
  private int head;
  private int size;

  PendingCommands(int capacity) {
    ring = new SmtpVerb[capacity];
  }

  /** Adds a command; returns false when the oldest one had to be dropped to make room. */
  boolean add(SmtpVerb v) {
    boolean dropped = false;
    if (size == ring.length) {
      poll();
      dropped = true;
    }
    ring[(head + size) % ring.length] = v;
    size++;
    return !dropped;
  }

  SmtpVerb peek() {
    return size == 0 ? null : ring[head];
  }

  SmtpVerb poll() {
    if (size == 0) {
      return null;
    }
    SmtpVerb v = ring[head];
    ring[head] = null;
    head = (head + 1) % ring.length;
    size--;
    return v;
  }

  void clear() {
    while (size > 0) {
      poll();
    }
  }

  int size() {
    return size;
  }
}
