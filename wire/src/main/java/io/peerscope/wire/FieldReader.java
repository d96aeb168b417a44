package io.peerscope.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Typed, bounded reads of the fields of one JSON object from the wire. A missing or malformed
 * field ends validation with a {@link Refusal} naming the field; the field's content is never
 * echoed because it is hostile.
 */
final class FieldReader {
  /** 10000-01-01T00:00:00Z. */
  private static final Instant LATEST = Instant.ofEpochSecond(253_402_300_800L);
  private static final Pattern COUNTER_NAME = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private final ObjectNode object;

  FieldReader(ObjectNode object) {
    this.object = object;
  }

  /** Ends validation of the current message; cheap because it carries no stack trace. */
  static final class Refusal extends RuntimeException {
    final Rejection rejection;

    Refusal(Rejection rejection, String detail) {
      super(detail, null, false, false);
      this.rejection = rejection;
    }
  }

  static Refusal refuse(Rejection rejection, String detail) {
    return new Refusal(rejection, detail);
  }

  private JsonNode present(String field) {
    JsonNode node = object.get(field);
    if (node == null || node.isNull()) {
      throw refuse(Rejection.MISSING_FIELD, "missing field " + field);
    }
    return node;
  }

  int version() {
    JsonNode node = present("v");
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw refuse(Rejection.BAD_VERSION, "field v is not an integer");
    }
    return node.intValue();
  }

  String text(String field, int maxChars) {
    JsonNode node = present(field);
    if (!node.isTextual()) {
      throw refuse(Rejection.BAD_FIELD, "field " + field + " is not a string");
    }
    String value = node.textValue();
    if (value.length() > maxChars) {
      throw refuse(Rejection.BAD_FIELD, "field " + field + " is longer than " + maxChars);
    }
    return value;
  }

  String nonEmptyText(String field, int maxChars) {
    String value = text(field, maxChars);
    if (value.isEmpty()) {
      throw refuse(Rejection.BAD_FIELD, "field " + field + " is empty");
    }
    return value;
  }

  String optionalText(String field, int maxChars) {
    JsonNode node = object.get(field);
    return node == null || node.isNull() ? null : text(field, maxChars);
  }

  String matching(String field, Pattern pattern, Rejection rejection) {
    String value = text(field, 256);
    if (!pattern.matcher(value).matches()) {
      throw refuse(rejection, "field " + field + " has a bad syntax");
    }
    return value;
  }

  long nonNegativeLong(String field) {
    JsonNode node = present(field);
    if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
      throw refuse(Rejection.BAD_FIELD, "field " + field + " is not a non-negative integer");
    }
    return node.longValue();
  }

  Instant instant(String field) {
    String value = text(field, 40);
    Instant instant;
    try {
      instant = Instant.parse(value);
    } catch (DateTimeException e) {
      throw refuse(Rejection.BAD_FIELD, "field " + field + " is not an ISO-8601 instant");
    }
    // Capture time starts at the pcap epoch; far-future years are nonsense that databases and
    // other tools may not represent.
    if (instant.isBefore(Instant.EPOCH) || !instant.isBefore(LATEST)) {
      throw refuse(Rejection.BAD_FIELD, "field " + field + " is outside 1970-9999");
    }
    return instant;
  }

  Instant optionalInstant(String field) {
    JsonNode node = object.get(field);
    return node == null || node.isNull() ? null : instant(field);
  }

  /** An optional JSON object, returned as a plain map for storage and re-serialisation. */
  Map<String, Object> optionalObject(String field) {
    JsonNode node = object.get(field);
    if (node == null || node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw refuse(Rejection.BAD_FIELD, "field " + field + " is not an object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = WireJson.mapper().convertValue(node, Map.class);
    return map;
  }

  /** Counter name to integer value; names are bounded and restricted like the agent's. */
  Map<String, Long> counters(String field, int maxEntries) {
    JsonNode node = object.get(field);
    if (node == null || node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw refuse(Rejection.BAD_FIELD, "field " + field + " is not an object");
    }
    if (node.size() > maxEntries) {
      throw refuse(Rejection.BAD_FIELD, "field " + field + " has more than " + maxEntries);
    }
    Map<String, Long> counters = new LinkedHashMap<>();
    var fields = node.fields();
    while (fields.hasNext()) {
      var entry = fields.next();
      JsonNode value = entry.getValue();
      if (!COUNTER_NAME.matcher(entry.getKey()).matches()
          || !value.isIntegralNumber()
          || !value.canConvertToLong()) {
        throw refuse(Rejection.BAD_FIELD, "field " + field + " holds a bad counter");
      }
      counters.put(entry.getKey(), value.longValue());
    }
    return counters;
  }
}
