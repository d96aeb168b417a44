package io.peerscope.agent.dns.zeek;

import io.peerscope.agent.decode.IpAddress;
import io.peerscope.agent.dns.DnsTransaction;
import io.peerscope.agent.dns.zeek.ZeekDnsConformanceTest.Disagreement;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Pairs Zeek's dns.log lines of one trace with the project's transactions and lists where they
 * differ. Lines are paired by client, client port, server, server port and transaction id; when
 * several of ours share the key (a duplicate response), the first unused one that agrees is taken,
 * else the first unused one. A log cut down to a few columns (naptr's {@code zeek-cut} output has
 * no connection columns) is paired by query name instead.
 */
final class ZeekDnsComparison {
  private final String folder;
  private final List<DnsTransaction> ours;
  private final Set<Integer> used = new HashSet<>();
  private final Map<String, Integer> occurrences = new java.util.HashMap<>();
  private String lastLineId;
  /** Zeek answer values compared, to show the comparison is not vacuous. */
  int answersCompared;
  int fieldsCompared;

  ZeekDnsComparison(String folder, List<DnsTransaction> ours) {
    this.folder = folder;
    this.ours = ours;
  }

  String lastLineId() {
    return lastLineId;
  }

  List<Disagreement> compare(Map<String, String> z) {
    boolean hasConnection = z.containsKey("id.orig_h");
    String key = hasConnection
        ? z.get("id.orig_h") + ":" + z.get("id.orig_p") + " > " + z.get("id.resp_h") + ":" + z.get("id.resp_p") + " #"
            + z.get("trans_id")
        : "query " + z.get("query");
    List<Integer> candidates = new ArrayList<>();
    for (int i = 0; i < ours.size(); i++) {
      if (!used.contains(i) && (hasConnection ? sameConnection(z, ours.get(i)) : sameQuery(z, ours.get(i)))) {
        candidates.add(i);
      }
    }
    String base = folder + " " + key;
    int occurrence = occurrences.merge(base, 1, Integer::sum);
    lastLineId = occurrence == 1 ? base : base + " (" + occurrence + ")";
    if (candidates.isEmpty()) {
      return List.of(new Disagreement(lastLineId, "line", "present", "missing"));
    }
    List<Disagreement> best = null;
    int bestIndex = -1;
    for (int i : candidates) {
      List<Disagreement> d = differences(z, ours.get(i));
      if (best == null || d.size() < best.size()) {
        best = d;
        bestIndex = i;
      }
      if (d.isEmpty()) {
        break;
      }
    }
    used.add(bestIndex);
    return best;
  }

  private List<Disagreement> differences(Map<String, String> z, DnsTransaction t) {
    List<Disagreement> out = new ArrayList<>();
    String zq = z.get("query");
    if (zq != null) {
      // Zeek's query is the name its events pass on, which it lowercases; DNS names compare
      // case-insensitively (RFC 4343), the log keeps the case seen on the wire.
      check(out, "query", ZeekLog.unescape(zq).toLowerCase(Locale.ROOT),
          t.query() == null ? null : t.query().toLowerCase(Locale.ROOT));
    }
    if (z.get("qtype") != null) {
      check(out, "qtype", z.get("qtype"), str(t.qtype()));
      // RD is the query's (Zeek sets it from the request only)
      check(out, "RD", z.get("RD"), t.hasQuery() ? bool(t.rd()) : "no query");
    }
    if (!z.containsKey("qtype") && z.get("qtype_name") != null) {
      // a cut log keeps only the name of the type
      check(out, "qtype_name", z.get("qtype_name"), t.qtypeName());
    }
    if (z.get("rcode") != null) {
      check(out, "rcode", z.get("rcode"), str(t.rcode()));
    }
    List<String> zAnswers = ZeekLog.vector(z.get("answers"));
    if (!zAnswers.isEmpty()) {
      if (z.get("AA") != null) {
        check(out, "AA", z.get("AA"), bool(t.aa()));
      }
      if (z.get("RA") != null) {
        check(out, "RA", z.get("RA"), bool(t.ra()));
      }
    }
    if (z.containsKey("answers")) {
      List<String> zn = new ArrayList<>();
      answersCompared += zAnswers.size();
      for (String a : zAnswers) {
        zn.add(ZeekAnswers.fromZeek(a));
      }
      List<String> on = new ArrayList<>();
      for (int i = 0; i < t.answers().size(); i++) {
        on.add(ZeekAnswers.fromProject(t.answerTypes().get(i), t.answers().get(i)));
      }
      check(out, "answers", String.join(" | ", ZeekAnswers.sorted(zn)), String.join(" | ", ZeekAnswers.sorted(on)));
    }
    if (z.containsKey("TTLs")) {
      List<String> zt = new ArrayList<>();
      for (String s : ZeekLog.vector(z.get("TTLs"))) {
        zt.add(new BigDecimal(s).stripTrailingZeros().toPlainString());
      }
      List<String> ot = new ArrayList<>();
      for (Long ttl : t.ttls()) {
        ot.add(Long.toString(ttl));
      }
      check(out, "TTLs", String.join(",", ZeekAnswers.sorted(zt)), String.join(",", ZeekAnswers.sorted(ot)));
    }
    return out.stream().map(d -> new Disagreement(lastLineId, d.field(), d.zeek(), d.ours())).toList();
  }

  private void check(List<Disagreement> out, String field, String zeek, String ours) {
    fieldsCompared++;
    if (!Objects.equals(zeek, ours)) {
      out.add(new Disagreement(null, field, zeek, ours));
    }
  }

  private static boolean sameConnection(Map<String, String> z, DnsTransaction t) {
    return IpAddress.parse(z.get("id.orig_h")).equals(t.client())
        && Integer.parseInt(z.get("id.orig_p")) == t.clientPort()
        && IpAddress.parse(z.get("id.resp_h")).equals(t.server())
        && Integer.parseInt(z.get("id.resp_p")) == t.serverPort()
        && Integer.parseInt(z.get("trans_id")) == t.transId();
  }

  private static boolean sameQuery(Map<String, String> z, DnsTransaction t) {
    return t.query() != null && t.query().equalsIgnoreCase(ZeekLog.unescape(z.get("query")));
  }

  private static String str(Integer v) {
    return v == null ? null : v.toString();
  }

  private static String bool(boolean b) {
    return b ? "T" : "F";
  }
}
