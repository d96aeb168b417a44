package io.peerscope.agent.detect;

import io.peerscope.agent.decode.IpAddress;
import io.peerscope.agent.track.Evidence;
import io.peerscope.agent.track.Organisation;
import io.peerscope.agent.track.TopClients;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Evidence lists of peers (clients or organisations) with counts and shares. */
final class Peers {
  private Peers() {}

  static List<Map<String, Object>> clients(TopClients top, long total, Organisation org, int max) {
    List<Map<String, Object>> out = new ArrayList<>();
    int[] order = top.order();
    for (int k = 0; k < Math.min(max, order.length); k++) {
      int i = order[k];
      IpAddress a = new IpAddress(top.hi(i), top.lo(i));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("client", a.toString());
      m.put("organisation", org.label(a));
      m.put("queries", top.count(i));
      m.put("share", Evidence.round(total == 0 ? 0 : (double) top.count(i) / total));
      if (top.error(i) > 0) {
        m.put("count_error_bound", top.error(i));
      }
      m.put("first_seen", Evidence.iso(top.first(i)));
      m.put("last_seen", Evidence.iso(top.last(i)));
      out.add(m);
    }
    return out;
  }
}
