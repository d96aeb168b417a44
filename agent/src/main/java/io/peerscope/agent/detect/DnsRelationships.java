package io.peerscope.agent.detect;

import io.peerscope.agent.capture.ClockListener;
import io.peerscope.agent.dns.DnsTransaction;
import io.peerscope.agent.dns.DnsTransactionListener;
import io.peerscope.agent.metrics.Counters;
import io.peerscope.agent.track.DnsTracker;
import io.peerscope.agent.track.TrackConfig;
import io.peerscope.agent.track.TrackerState;
import java.io.IOException;
import java.nio.file.Path;

/**
 * DNS relationship tracking and its detectors, ready to wire: register it as a {@link
 * DnsTransactionListener} and a {@link ClockListener}, call {@link #save()} after the pipeline
 * stopped (end of file, SIGTERM). State is loaded from the state directory at construction.
 */
public final class DnsRelationships implements DnsTransactionListener, ClockListener {
  private final TrackerState state;
  private final DnsTracker tracker;
  private final Path stateDir;

  private DnsRelationships(TrackerState state, DnsTracker tracker, Path stateDir) {
    this.state = state;
    this.tracker = tracker;
    this.stateDir = stateDir;
  }

  /**
   * @param stateDir directory of {@code track.state}; null keeps nothing across runs
   */
  public static DnsRelationships open(String sensor, TrackConfig config, Counters counters,
      FindingSink sink, Path stateDir) {
    TrackerState state = stateDir == null
        ? new TrackerState(config, counters)
        : TrackerState.load(stateDir, config, counters);
    DnsDetectors detectors = new DnsDetectors(sensor, config, counters, sink);
    return new DnsRelationships(state, new DnsTracker(state, detectors, counters), stateDir);
  }

  /** Reads what it needs during the call; what it keeps are the strings and immutable lists. */
  @Override
  public boolean retainsTransactions() {
    return false;
  }

  @Override
  public void onTransaction(DnsTransaction transaction) {
    tracker.onTransaction(transaction);
  }

  @Override
  public void onTick(long nowMicros) {
    tracker.onTick(nowMicros);
  }

  @Override
  public void onEnd(long nowMicros) {
    tracker.onEnd(nowMicros);
  }

  /** Saves the tracking state into the state directory (nothing without one). */
  public void save() throws IOException {
    if (stateDir != null) {
      state.save(stateDir);
    }
  }

  public TrackerState state() {
    return state;
  }
}
