package io.peerscope.agent.detect;

import io.peerscope.agent.track.Evidence;
import io.peerscope.agent.track.NameRecord;
import io.peerscope.agent.track.RenameEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code dns.renamed-host}: the tracker found a new name on an earlier name's address, first asked
 * by a client (or organisation) that had asked for the earlier name. Subject is the new name.
 */
final class RenamedHostDetector {
  static final String KIND = "dns.renamed-host";

  FindingEmitter.Candidate evaluate(NameRecord n, boolean earlierWasSevered) {
    RenameEvent r = n.renamed();
    long gap = r.firstSeenMicros() - r.earlierLastSeenMicros();
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("new_name", n.name());
    ev.put("earlier_name", r.earlierName());
    ev.put("address", r.address());
    ev.put("first_querier", r.firstQuerier());
    ev.put("first_querier_organisation", r.firstQuerierOrganisation());
    ev.put("shared_by", r.sharedBy());
    ev.put("earlier_first_seen", Evidence.iso(r.earlierFirstSeenMicros()));
    ev.put("earlier_last_seen", Evidence.iso(r.earlierLastSeenMicros()));
    ev.put("new_first_seen", Evidence.iso(r.firstSeenMicros()));
    ev.put("gap_seconds", gap / 1_000_000);
    ev.put("gap", duration(gap));
    if (r.earlierFailingSinceMicros() != 0) {
      long sinceRemoval = r.firstSeenMicros() - r.earlierFailingSinceMicros();
      ev.put("earlier_failing_since", Evidence.iso(r.earlierFailingSinceMicros()));
      ev.put("gap_since_failing_seconds", sinceRemoval / 1_000_000);
      ev.put("gap_since_failing", duration(sinceRemoval));
    }
    ev.put("earlier_name_severed", earlierWasSevered);
    ev.put("new_name_queries", n.queries());
    String by = r.sharedBy().equals("client")
        ? r.firstQuerier() + ", which had asked for " + r.earlierName()
        : r.firstQuerier() + ", whose organisation " + r.firstQuerierOrganisation()
            + " had asked for " + r.earlierName();
    String after = r.earlierFailingSinceMicros() != 0
        ? duration(r.firstSeenMicros() - r.earlierFailingSinceMicros()) + " after "
            + r.earlierName() + " stopped resolving"
        : duration(gap) + " after " + r.earlierName() + " last resolved there";
    String summary = n.name() + " appeared on " + r.address() + " " + after + "; first asked by "
        + by;
    return new FindingEmitter.Candidate(KIND, earlierWasSevered ? "high" : "medium", n.name(),
        r.firstSeenMicros(), Math.max(r.firstSeenMicros(), n.lastSeen()), n.queries(), summary,
        ev);
  }

  static String duration(long micros) {
    long s = micros / 1_000_000;
    long d = s / 86_400;
    long h = (s % 86_400) / 3600;
    long m = (s % 3600) / 60;
    if (d > 0) {
      return d + "d " + h + "h";
    }
    return h > 0 ? h + "h " + m + "m" : m + "m " + (s % 60) + "s";
  }
}
