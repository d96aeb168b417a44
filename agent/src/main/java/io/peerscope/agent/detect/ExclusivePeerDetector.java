package io.peerscope.agent.detect;

import io.peerscope.agent.decode.IpAddress;
import io.peerscope.agent.track.Evidence;
import io.peerscope.agent.track.NameRecord;
import io.peerscope.agent.track.Organisation;
import io.peerscope.agent.track.QueryKind;
import io.peerscope.agent.track.RecentStrings;
import io.peerscope.agent.track.Rhythm;
import io.peerscope.agent.track.RhythmClass;
import io.peerscope.agent.track.RhythmClassifier;
import io.peerscope.agent.track.TopClients;
import io.peerscope.agent.track.TrackConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code dns.exclusive-peer}: a name whose lookups come overwhelmingly from very few clients or
 * from one organisation, over a sustained period. Not reported: names asked mostly for mail
 * policy (SPF/DMARC/DKIM/TXT: spam filters check every sender's domain from a handful of mail
 * servers, round the clock) and periodic names (a program polling; {@code dns.beaconing} says
 * that with better evidence).
 */
final class ExclusivePeerDetector {
  static final String KIND = "dns.exclusive-peer";

  private final TrackConfig config;
  private final RhythmClassifier classifier;

  ExclusivePeerDetector(TrackConfig config, RhythmClassifier classifier) {
    this.config = config;
    this.classifier = classifier;
  }

  /** Cheap test first: volume and days; most names stop here. */
  boolean eligible(NameRecord n) {
    return n.queries() >= config.exclusiveMinQueries()
        && n.days() >= config.exclusiveMinDays()
        && n.orgs() != null
        && n.clients() != null;
  }

  FindingEmitter.Candidate evaluate(NameRecord n, Organisation org, boolean periodic) {
    long total = n.queries();
    TopClients clients = n.clients();
    TopClients orgs = n.orgs();
    // space-saving counts can overstate by their error bound: use the guaranteed part
    double clientShare = guaranteed(clients, config.exclusiveTopClients()) / (double) total;
    int[] orgOrder = orgs.order();
    int topOrg = orgOrder[0];
    double orgShare = (orgs.count(topOrg) - orgs.error(topOrg)) / (double) total;
    if (Math.max(clientShare, orgShare) < config.exclusiveMinShare()) {
      return null;
    }
    long policy = 0;
    for (QueryKind k : QueryKind.values()) {
      if (k.isPolicy()) {
        policy += n.kindCount(k);
      }
    }
    double policyShare = policy / (double) total;
    if (policyShare > config.exclusiveMaxPolicyShare() || periodic) {
      return null;
    }
    Rhythm rhythm = classifier.classify(n.hours());
    Rhythm orgRhythm = classifier.classify(orgs.hours(topOrg));
    String orgLabel = org.label(orgs.hi(topOrg), orgs.lo(topOrg));

    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("total_queries", total);
    ev.put("distinct_clients", n.distinctClients());
    ev.put("distinct_clients_estimated", !n.distinctClientsExact());
    ev.put("distinct_organisations", n.distinctOrgs());
    ev.put("days_active", n.days());
    ev.put("first_seen", Evidence.iso(n.firstSeen()));
    ev.put("last_seen", Evidence.iso(n.lastSeen()));
    ev.put("top_clients_share", Evidence.round(clientShare));
    ev.put("top_clients", Peers.clients(clients, total, org, config.exclusiveTopClients() + 2));
    ev.put("top_organisation_share", Evidence.round(orgShare));
    ev.put("organisations", organisations(orgs, orgOrder, total, org));
    ev.put("rhythm", rhythm.evidence());
    ev.put("hour_of_week_utc", hours(n.hours()));
    ev.put("query_types", queryTypes(n));
    ev.put("policy_share", Evidence.round(policyShare));
    ev.put("addresses", addresses(n.outcomes().addresses()));
    ev.put("rcodes", n.outcomes().rcodeHistory());

    boolean fewClients = clientShare >= config.exclusiveMinShare();
    int k = clientsHolding(clients, total, config.exclusiveMinShare());
    double share = fewClients ? guaranteed(clients, k) / (double) total : orgShare;
    String who = fewClients
        ? k + (k == 1 ? " client" : " clients") + (sameOrg(clients, k, org) ? " of " + orgLabel : "")
        : "organisation " + orgLabel;
    String when = switch (orgRhythm.rhythmClass()) {
      case OFFICE_HOURS -> ", in office hours of UTC" + orgRhythm.utcOffset();
      case ROUND_THE_CLOCK -> ", round the clock";
      default -> "";
    };
    String summary = n.name() + " is looked up almost only by " + who + " ("
        + Math.round(share * 100) + "% of " + total + " lookups over " + n.days() + " days"
        + when + ")";
    String severity = rhythm.rhythmClass() == RhythmClass.OFFICE_HOURS ? "medium" : "low";
    return new FindingEmitter.Candidate(KIND, severity, n.name(), n.firstSeen(), n.lastSeen(),
        total, summary, ev);
  }

  private static long guaranteed(TopClients top, int n) {
    int[] order = top.order();
    long s = 0;
    for (int i = 0; i < Math.min(n, order.length); i++) {
      s += top.count(order[i]) - top.error(order[i]);
    }
    return s;
  }

  /** How many of the top clients it takes to hold the share. */
  private static int clientsHolding(TopClients top, long total, double share) {
    int[] order = top.order();
    long s = 0;
    for (int i = 0; i < order.length; i++) {
      s += top.count(order[i]) - top.error(order[i]);
      if (s >= share * total) {
        return i + 1;
      }
    }
    return order.length;
  }

  private static boolean sameOrg(TopClients clients, int k, Organisation org) {
    String first = null;
    int[] order = clients.order();
    for (int j = 0; j < Math.min(k, order.length); j++) {
      int i = order[j];
      String l = org.label(new IpAddress(clients.hi(i), clients.lo(i)));
      if (first == null) {
        first = l;
      } else if (!first.equals(l)) {
        return false;
      }
    }
    return true;
  }

  private List<Map<String, Object>> organisations(TopClients orgs, int[] order, long total,
      Organisation org) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i : order) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("organisation", org.label(orgs.hi(i), orgs.lo(i)));
      m.put("queries", orgs.count(i));
      m.put("share", Evidence.round((double) orgs.count(i) / total));
      m.put("rhythm", classifier.classify(orgs.hours(i)).evidence());
      out.add(m);
    }
    return out;
  }

  static List<Integer> hours(int[] h) {
    List<Integer> out = new ArrayList<>(h.length);
    for (int v : h) {
      out.add(v);
    }
    return out;
  }

  static Map<String, Object> queryTypes(NameRecord n) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (QueryKind k : QueryKind.values()) {
      if (n.kindCount(k) > 0) {
        m.put(k.label(), n.kindCount(k));
      }
    }
    return m;
  }

  static List<Map<String, Object>> addresses(RecentStrings a) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("address", a.value(i));
      m.put("answers", a.count(i));
      m.put("first_seen", Evidence.iso(a.first(i)));
      m.put("last_seen", Evidence.iso(a.last(i)));
      out.add(m);
    }
    out.sort((x, y) -> ((String) x.get("first_seen")).compareTo((String) y.get("first_seen")));
    return out;
  }
}
