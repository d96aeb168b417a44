package io.peerscope.agent.detect;

import io.peerscope.agent.track.Evidence;
import io.peerscope.agent.track.NameRecord;
import io.peerscope.agent.track.Organisation;
import io.peerscope.agent.track.Outcomes;
import io.peerscope.agent.track.TrackConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code dns.link-severed}: a name that resolved steadily (enough good answers on enough days)
 * now fails: NXDOMAIN, SERVFAIL, REFUSED or no response at all, several times in a row. The
 * evidence says what the last good answer was, when failure began and who kept asking.
 */
final class LinkSeveredDetector {
  static final String KIND = "dns.link-severed";

  private final TrackConfig config;

  LinkSeveredDetector(TrackConfig config) {
    this.config = config;
  }

  boolean severed(NameRecord n) {
    Outcomes o = n.outcomes();
    return o.failAskers() != null
        && o.failRunCount() >= config.severedMinFailures()
        && o.goodAnswers() >= config.severedMinAnswers()
        && o.goodDays() >= config.severedMinDays();
  }

  FindingEmitter.Candidate evaluate(NameRecord n, Organisation org, boolean wasExclusive) {
    Outcomes o = n.outcomes();
    String failure = rcodeName(o.failRunFirstRcode());
    Map<String, Object> ev = new LinkedHashMap<>();
    Map<String, Object> lastGood = new LinkedHashMap<>();
    lastGood.put("ts", Evidence.iso(o.lastGood()));
    lastGood.put("addresses", o.lastGoodAddresses().isEmpty()
        ? java.util.List.of() : java.util.List.of(o.lastGoodAddresses().split(" ")));
    ev.put("last_good_answer", lastGood);
    ev.put("first_failure", Evidence.iso(o.failRunStart()));
    ev.put("last_failure", Evidence.iso(o.failRunLast()));
    ev.put("failure", failure);
    ev.put("failures", o.failRunCount());
    ev.put("good_answers", o.goodAnswers());
    ev.put("good_days", o.goodDays());
    ev.put("kept_asking", Peers.clients(o.failAskers(), o.failRunCount(), org, 4));
    ev.put("addresses", ExclusivePeerDetector.addresses(o.addresses()));
    ev.put("rcodes", o.rcodeHistory());
    ev.put("was_exclusive_peer", wasExclusive);
    int askers = o.failAskers().size();
    String summary = n.name() + " stopped resolving: "
        + (failure.equals("no-response") ? "no response" : failure) + " since "
        + Evidence.iso(o.failRunStart()) + " after " + o.goodAnswers() + " good answers on "
        + o.goodDays() + " days; " + askers + (askers == 1 ? " client" : " clients")
        + " kept asking (" + o.failRunCount() + " failed lookups)";
    return new FindingEmitter.Candidate(KIND, wasExclusive ? "medium" : "low", n.name(),
        o.failRunStart(), o.failRunLast(), o.failRunCount(), summary, ev);
  }

  static String rcodeName(int rcode) {
    return switch (rcode) {
      case Outcomes.UNANSWERED -> "no-response";
      case 2 -> "SERVFAIL";
      case 3 -> "NXDOMAIN";
      case 5 -> "REFUSED";
      default -> "RCODE" + rcode;
    };
  }
}
