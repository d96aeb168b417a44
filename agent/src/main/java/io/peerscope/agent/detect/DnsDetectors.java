package io.peerscope.agent.detect;

import io.peerscope.agent.metrics.Counters;
import io.peerscope.agent.track.NameRecord;
import io.peerscope.agent.track.PairRecord;
import io.peerscope.agent.track.RhythmClassifier;
import io.peerscope.agent.track.TrackConfig;
import io.peerscope.agent.track.TrackObserver;
import io.peerscope.agent.track.TrackerState;
import java.util.List;
import java.util.Map;

/**
 * The four DNS relationship detectors behind one {@link TrackObserver}: severed links and renames
 * are judged when they happen, exclusive peers and beaconing at each sweep; every finding goes
 * through the {@link FindingEmitter}.
 */
public final class DnsDetectors implements TrackObserver {
  private final ExclusivePeerDetector exclusive;
  private final LinkSeveredDetector severed;
  private final RenamedHostDetector renamed = new RenamedHostDetector();
  private final BeaconingDetector beaconing;
  private final FindingEmitter emitter;

  public DnsDetectors(String sensor, TrackConfig config, Counters counters, FindingSink sink) {
    RhythmClassifier classifier =
        new RhythmClassifier(config.rhythmMinEvents(), config.officeMinShare());
    this.exclusive = new ExclusivePeerDetector(config, classifier);
    this.severed = new LinkSeveredDetector(config);
    this.beaconing = new BeaconingDetector(config, classifier);
    this.emitter = new FindingEmitter(sensor, config.reemitInterval().toNanos() / 1000,
        config.maxFindingsPerHour(), counters, sink);
  }

  @Override
  public void onFailure(TrackerState state, NameRecord n, long now) {
    if (severed.severed(n)) {
      offerSevered(state, n, now, false);
    }
  }

  @Override
  public void onRename(TrackerState state, NameRecord n, long now) {
    offerRenamed(state, n, now, false);
  }

  @Override
  public void onSweep(TrackerState state, long now, boolean end) {
    Map<String, List<PairRecord>> beacons = beaconing.sweep(state, end);
    state.forEachWatchedName(n -> {
      if (exclusive.eligible(n)) {
        FindingEmitter.Candidate c =
            exclusive.evaluate(n, state.organisation(), BeaconingDetector.periodic(state, n));
        if (c != null) {
          emitter.offer(state.ledger(), c, now, end);
        }
      }
      if (severed.severed(n)) {
        offerSevered(state, n, now, end);
      }
      if (n.renamed() != null) {
        offerRenamed(state, n, now, end);
      }
    });
    beacons.forEach((name, pairs) -> emitter.offer(state.ledger(),
        beaconing.evaluate(name, state.name(name), pairs, state.organisation()), now, end));
  }

  private void offerSevered(TrackerState state, NameRecord n, long now, boolean end) {
    boolean wasExclusive = state.ledger().get(ExclusivePeerDetector.KIND, n.name()) != null;
    emitter.offer(state.ledger(), severed.evaluate(n, state.organisation(), wasExclusive), now,
        end);
  }

  private void offerRenamed(TrackerState state, NameRecord n, long now, boolean end) {
    boolean earlierSevered =
        state.ledger().get(LinkSeveredDetector.KIND, n.renamed().earlierName()) != null;
    emitter.offer(state.ledger(), renamed.evaluate(n, earlierSevered), now, end);
  }
}
