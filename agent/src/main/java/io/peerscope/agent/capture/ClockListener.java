package io.peerscope.agent.capture;

/**
 * Time in the agent is capture time: components that expire state (pending DNS queries,
 * fragments, idle TCP streams, detector windows) are told when it advances, so a replay of
 * three weeks behaves exactly as living through them.
 */
public interface ClockListener {
  /** Capture time advanced to nowMicros (monotonic: never called with an earlier time). */
  void onTick(long nowMicros);

  /** The capture ended (end of file or shutdown): flush everything still pending. */
  default void onEnd(long nowMicros) {}
}
