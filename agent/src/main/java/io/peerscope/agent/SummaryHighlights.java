package io.peerscope.agent;

import io.peerscope.agent.dns.DnsTransaction;
import io.peerscope.agent.dns.DnsTransactionListener;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The free-form part of each summary message: the busiest names of the window with their
 * answers, and the mix of response codes and query types. Memory is capped: at most
 * {@code maxNames} distinct names are counted per window; names beyond that are only counted in
 * {@code names_not_tracked}, so a random-subdomain flood costs a bounded map.
 */
public final class SummaryHighlights implements DnsTransactionListener {
  private final int maxNames;
  private final int top;
  private Map<String, NameStats> names = new HashMap<>();
  /** Mutable counts: a boxed Long per transaction was the listener's whole cost. */
  private final Map<String, long[]> rcodes = new HashMap<>();
  private final Map<String, long[]> qtypes = new HashMap<>();
  private long notTracked;

  private static final class NameStats {
    long count;
    String lastRcode;
    List<String> lastAnswers = List.of();
  }

  public SummaryHighlights(int maxNames, int top) {
    this.maxNames = maxNames;
    this.top = top;
  }

  /** Reads what it needs during the call; what it keeps are the strings and immutable lists. */
  @Override
  public boolean retainsTransactions() {
    return false;
  }

  @Override
  public synchronized void onTransaction(DnsTransaction t) {
    if (t.rcodeName() != null) {
      rcodes.computeIfAbsent(t.rcodeName(), k -> new long[1])[0]++;
    }
    if (t.qtypeName() != null) {
      qtypes.computeIfAbsent(t.qtypeName(), k -> new long[1])[0]++;
    }
    if (t.query() == null) {
      return;
    }
    NameStats s = names.get(t.query());
    if (s == null) {
      if (names.size() >= maxNames) {
        notTracked++;
        return;
      }
      s = new NameStats();
      names.put(t.query(), s);
    }
    s.count++;
    if (t.hasResponse()) {
      s.lastRcode = t.rcodeName();
      s.lastAnswers = t.answers() == null ? List.of() : t.answers();
    }
  }

  /** The highlights of the window that just closed; the next window starts empty. */
  public synchronized Map<String, Object> takeWindow() {
    List<Map.Entry<String, NameStats>> busiest = new ArrayList<>(names.entrySet());
    busiest.sort(
        Comparator.comparingLong((Map.Entry<String, NameStats> e) -> e.getValue().count)
            .reversed()
            .thenComparing(Map.Entry::getKey));
    List<Map<String, Object>> topNames = new ArrayList<>();
    for (Map.Entry<String, NameStats> e : busiest.subList(0, Math.min(top, busiest.size()))) {
      Map<String, Object> n = new LinkedHashMap<>();
      n.put("name", e.getKey());
      n.put("count", e.getValue().count);
      n.put("rcode", e.getValue().lastRcode);
      n.put("answers", e.getValue().lastAnswers.subList(0, Math.min(5, e.getValue().lastAnswers.size())));
      topNames.add(n);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("top_names", topNames);
    out.put("rcodes", sorted(rcodes));
    out.put("qtypes", sorted(qtypes));
    out.put("distinct_names", names.size());
    out.put("names_not_tracked", notTracked);
    names = new HashMap<>();
    rcodes.clear();
    qtypes.clear();
    notTracked = 0;
    return out;
  }

  private static Map<String, Long> sorted(Map<String, long[]> counts) {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v[0]));
    return out;
  }
}
