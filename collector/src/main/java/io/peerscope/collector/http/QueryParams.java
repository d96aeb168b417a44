package io.peerscope.collector.http;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Strict helpers over a decoded query string. */
final class QueryParams {
  private QueryParams() {}

  static void requireOnly(Map<String, List<String>> params, Set<String> known)
      throws BadRequest {
    for (String name : params.keySet()) {
      if (!known.contains(name)) {
        // The unknown name is not echoed back: it is attacker-controlled text.
        throw new BadRequest("unknown query parameter; allowed: " + String.join(", ", new TreeSet<>(known)));
      }
    }
  }

  /** The one value of {@code name}, or null when absent or empty. */
  static String single(Map<String, List<String>> params, String name) throws BadRequest {
    List<String> values = params.get(name);
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw new BadRequest(name + " is given more than once");
    }
    String value = values.get(0);
    return value.isEmpty() ? null : value;
  }
}
