package io.peerscope.collector.http;

import io.peerscope.collector.store.FindingQuery;
import io.peerscope.wire.SensorId;
import io.peerscope.wire.WireValidator;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses the query of {@code GET /api/findings?kind=&sensor=&subject=&since=&limit=}. An empty
 * value means "any" (so a form can send every field); an unknown or repeated parameter, or a
 * value of the wrong syntax, is a {@link BadRequest} naming it.
 */
final class FindingsParams {
  private static final Set<String> KNOWN = Set.of("kind", "sensor", "subject", "since", "limit");
  private static final int MAX_SUBJECT = 1024;

  private FindingsParams() {}

  static FindingQuery parse(Map<String, List<String>> params, int maxResults) throws BadRequest {
    QueryParams.requireOnly(params, KNOWN);
    String kind = QueryParams.single(params, "kind");
    if (kind != null && (kind.length() > 64 || !WireValidator.KIND.matcher(kind).matches())) {
      throw new BadRequest("kind must look like protocol.name, e.g. dns.exclusive-peer");
    }
    String sensor = QueryParams.single(params, "sensor");
    if (sensor != null && !SensorId.isValid(sensor)) {
      throw new BadRequest("sensor must be 1-64 characters of A-Z a-z 0-9 . _ -");
    }
    String subject = QueryParams.single(params, "subject");
    if (subject != null && subject.length() > MAX_SUBJECT) {
      throw new BadRequest("subject is longer than " + MAX_SUBJECT + " characters");
    }
    Instant since = null;
    String sinceText = QueryParams.single(params, "since");
    if (sinceText != null) {
      try {
        since = Instant.parse(sinceText);
      } catch (DateTimeException e) {
        throw new BadRequest("since must be an ISO-8601 instant, e.g. 2016-05-02T06:12:00Z");
      }
    }
    int limit = maxResults;
    String limitText = QueryParams.single(params, "limit");
    if (limitText != null) {
      try {
        limit = Integer.parseInt(limitText);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > maxResults) {
        throw new BadRequest("limit must be an integer from 1 to " + maxResults);
      }
    }
    return new FindingQuery(kind, sensor, subject, since, limit);
  }
}
