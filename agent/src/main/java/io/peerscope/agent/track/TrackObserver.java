package io.peerscope.agent.track;

/**
 * What detectors are told by the tracker. Calls come on the pipeline thread; observers read the
 * records they are given and must not keep them beyond the call.
 */
public interface TrackObserver {
  /** A lookup of the name just failed (NXDOMAIN, SERVFAIL, REFUSED or no response). */
  void onFailure(TrackerState state, NameRecord name, long nowMicros);

  /** A new name was found to have taken over an earlier name's address ({@link NameRecord#renamed()}). */
  void onRename(TrackerState state, NameRecord name, long nowMicros);

  /** Periodic pass over the tables (every sweep interval of capture time, and at the end). */
  void onSweep(TrackerState state, long nowMicros, boolean end);
}
