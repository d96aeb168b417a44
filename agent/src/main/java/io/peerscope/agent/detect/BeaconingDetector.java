package io.peerscope.agent.detect;

import io.peerscope.agent.decode.IpAddress;
import io.peerscope.agent.track.BeaconScore;
import io.peerscope.agent.track.BeaconScorer;
import io.peerscope.agent.track.Evidence;
import io.peerscope.agent.track.NameRecord;
import io.peerscope.agent.track.Organisation;
import io.peerscope.agent.track.PairRecord;
import io.peerscope.agent.track.RhythmClassifier;
import io.peerscope.agent.track.TrackConfig;
import io.peerscope.agent.track.TrackerState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code dns.beaconing}: one client asking for one name on a regular period. Pairs are re-scored
 * once enough new gaps arrived (every 8 lookups), not every sweep. A period equal to the answer's
 * TTL is a resolver refreshing its cache, not a program polling, and is not reported.
 */
final class BeaconingDetector {
  static final String KIND = "dns.beaconing";
  private static final int RESCORE_EVERY = 8;

  private final TrackConfig config;
  private final RhythmClassifier classifier;
  private final BeaconScorer scorer = new BeaconScorer();
  private final long minPeriodMillis;

  BeaconingDetector(TrackConfig config, RhythmClassifier classifier) {
    this.config = config;
    this.classifier = classifier;
    this.minPeriodMillis = config.beaconMinPeriod().toMillis();
  }

  /** Re-scores pairs due for it; returns the periodic pairs by name, names sorted. */
  Map<String, List<PairRecord>> sweep(TrackerState state, boolean end) {
    Map<String, List<PairRecord>> out = new TreeMap<>();
    state.forEachWatchedPair(p -> {
      if (p.count() < config.beaconMinCount() || p.gaps() == null) {
        return;
      }
      if (end || p.count() - p.scoredAtCount >= RESCORE_EVERY || p.scoredAtCount == 0) {
        p.scoredAtCount = p.count();
        BeaconScore s = scorer.score(p.gaps(), p.count(), p.lastSeen() - p.firstSeen());
        p.beacon = s != null && qualifies(s, state.name(p.name())) ? s : null;
      }
      if (p.beacon != null) {
        out.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(p);
      }
    });
    return out;
  }

  private boolean qualifies(BeaconScore s, NameRecord n) {
    if (s.score() < config.beaconMinScore() || s.relativeJitter() > config.beaconMaxJitter()
        || s.periodMillis() < minPeriodMillis) {
      return false;
    }
    if (n != null && n.minTtl() > 0) {
      long ttlMillis = n.minTtl() * 1000;
      if (Math.abs(s.periodMillis() - ttlMillis) <= Math.max(2000, ttlMillis / 20)) {
        return false; // a resolver re-asking when its cached answer expires
      }
    }
    return true;
  }

  /** @param n the name's record, for its rhythm; null when it was evicted meanwhile */
  FindingEmitter.Candidate evaluate(String name, NameRecord n, List<PairRecord> pairs, Organisation org) {
    pairs.sort((a, b) -> Long.compare(b.count(), a.count()));
    List<Map<String, Object>> clients = new ArrayList<>();
    long total = 0;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (PairRecord p : pairs) {
      BeaconScore s = p.beacon;
      IpAddress client = new IpAddress(p.clientHi(), p.clientLo());
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("client", client.toString());
      m.put("organisation", org.label(client));
      m.put("period_seconds", Evidence.round(s.periodMillis() / 1000.0));
      m.put("jitter_seconds", Evidence.round(s.jitterMillis() / 1000.0));
      m.put("count", p.count());
      m.put("first_seen", Evidence.iso(p.firstSeen()));
      m.put("last_seen", Evidence.iso(p.lastSeen()));
      m.put("span_seconds", (p.lastSeen() - p.firstSeen()) / 1_000_000);
      m.put("score", s.evidence());
      clients.add(m);
      total += p.count();
      first = Math.min(first, p.firstSeen());
      last = Math.max(last, p.lastSeen());
    }
    PairRecord top = pairs.get(0);
    BeaconScore s = top.beacon;
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("period_seconds", Evidence.round(s.periodMillis() / 1000.0));
    ev.put("jitter_seconds", Evidence.round(s.jitterMillis() / 1000.0));
    ev.put("count", top.count());
    ev.put("span_seconds", (top.lastSeen() - top.firstSeen()) / 1_000_000);
    ev.put("score", Evidence.round(s.score()));
    ev.put("clients", clients);
    if (n != null) {
      // the name's week, classified as periodic: the evidence that separates it from people
      ev.put("rhythm", classifier.classify(n.hours(), true).evidence());
    }
    String summary = new IpAddress(top.clientHi(), top.clientLo()) + " asks for " + name
        + " every " + Evidence.round(s.periodMillis() / 1000.0) + " s (jitter "
        + Evidence.round(s.jitterMillis() / 1000.0) + " s), " + top.count() + " times over "
        + RenamedHostDetector.duration(top.lastSeen() - top.firstSeen()) + " (score "
        + Evidence.round(s.score()) + ")"
        + (pairs.size() > 1 ? "; " + (pairs.size() - 1) + " more clients poll it too" : "");
    return new FindingEmitter.Candidate(KIND, "medium", name, first, last, total, summary, ev);
  }

  /** Whether the name's heaviest client polls it (the name's rhythm is periodic). */
  static boolean periodic(TrackerState state, NameRecord n) {
    if (n.clients() == null || n.clients().size() == 0) {
      return false;
    }
    int top = n.clients().order()[0];
    PairRecord p = state.pair(new IpAddress(n.clients().hi(top), n.clients().lo(top)), n.name());
    return p != null && p.beacon != null;
  }
}
