package io.peerscope.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Validates messages received on {@code peerscope/<sensor>/findings|summary|status} before
 * anything is stored: size limit first (before parsing), then strict JSON (bounded nesting, no
 * duplicate keys, no trailing data), schema version {@link Finding#VERSION}, the sensor in the
 * topic equal to the sensor in the body, required fields with their syntax and bounds. Every
 * outcome is a {@link Checked}; nothing thrown escapes.
 */
public final class WireValidator {
  /** {@code protocol.name}, lower case: {@code dns.exclusive-peer}, {@code smtp.weak-tls}. */
  public static final Pattern KIND = Pattern.compile("[a-z][a-z0-9]*(\\.[a-z0-9][a-z0-9-]*)+");

  private static final Pattern FINDING_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  private static final Pattern SEVERITY = Pattern.compile("[a-z]{1,16}");
  private static final int MAX_KIND = 64;
  private static final int MAX_SUBJECT = 1024;
  private static final int MAX_SUMMARY = 4096;
  private static final int MAX_VERSION = 64;
  private static final int MAX_COUNTERS = 4096;
  /** Evidence is a few levels deep (histograms, top peers); anything deeper is an attack. */
  private static final int MAX_NESTING = 32;

  private final int maxBytes;
  private final ObjectMapper strict;

  public WireValidator(int maxBytes) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive");
    }
    this.maxBytes = maxBytes;
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING)
                    .maxStringLength(maxBytes)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    this.strict = new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  public int maxBytes() {
    return maxBytes;
  }

  public Checked<Finding> finding(String topic, byte[] payload) {
    return check(topic, payload, this::readFinding);
  }

  public Checked<SensorStatus> status(String topic, byte[] payload) {
    return check(topic, payload, this::readStatus);
  }

  public Checked<SensorSummary> summary(String topic, byte[] payload) {
    return check(topic, payload, this::readSummary);
  }

  private interface Reader<T> {
    T read(FieldReader fields, String sensor);
  }

  private <T> Checked<T> check(String topic, byte[] payload, Reader<T> reader) {
    String topicSensor = topic == null ? null : Topics.sensorOf(topic);
    if (topicSensor == null) {
      return Checked.rejected(Rejection.BAD_TOPIC, "topic is not peerscope/<sensor>/<channel>");
    }
    if (payload == null || payload.length == 0) {
      return Checked.rejected(Rejection.EMPTY, "empty payload");
    }
    if (payload.length > maxBytes) {
      return Checked.rejected(Rejection.TOO_LARGE, "payload larger than " + maxBytes + " bytes");
    }
    JsonNode root;
    try {
      root = strict.readTree(payload);
    } catch (IOException | RuntimeException e) {
      return Checked.rejected(Rejection.NOT_JSON, "payload is not valid JSON");
    }
    if (!(root instanceof ObjectNode object)) {
      return Checked.rejected(Rejection.NOT_OBJECT, "payload is not a JSON object");
    }
    try {
      FieldReader fields = new FieldReader(object);
      if (fields.version() != Finding.VERSION) {
        return Checked.rejected(Rejection.BAD_VERSION, "unsupported schema version");
      }
      String sensor = fields.text("sensor", 64);
      if (!sensor.equals(topicSensor)) {
        return Checked.rejected(
            Rejection.SENSOR_MISMATCH, "sensor in the body differs from the topic");
      }
      return Checked.ok(reader.read(fields, sensor));
    } catch (FieldReader.Refusal refusal) {
      return Checked.rejected(refusal.rejection, refusal.getMessage());
    } catch (RuntimeException e) {
      // convertValue and friends: anything unexpected is still just a bad message
      return Checked.rejected(Rejection.BAD_FIELD, "unreadable field");
    }
  }

  private Finding readFinding(FieldReader fields, String sensor) {
    String id = fields.matching("id", FINDING_ID, Rejection.BAD_FIELD);
    String kind = fields.text("kind", MAX_KIND);
    if (!KIND.matcher(kind).matches()) {
      throw FieldReader.refuse(Rejection.BAD_KIND, "field kind is not protocol.name");
    }
    String severity = fields.matching("severity", SEVERITY, Rejection.BAD_FIELD);
    String subject = fields.nonEmptyText("subject", MAX_SUBJECT);
    Instant firstSeen = fields.instant("first_seen");
    Instant lastSeen = fields.instant("last_seen");
    if (lastSeen.isBefore(firstSeen)) {
      throw FieldReader.refuse(Rejection.BAD_FIELD, "field last_seen is before first_seen");
    }
    long count = fields.nonNegativeLong("count");
    String summary = fields.text("summary", MAX_SUMMARY);
    return new Finding(
        Finding.VERSION,
        id,
        sensor,
        kind,
        severity,
        subject,
        firstSeen,
        lastSeen,
        count,
        summary,
        fields.optionalObject("evidence"));
  }

  private SensorStatus readStatus(FieldReader fields, String sensor) {
    String state = fields.text("state", 16);
    if (!SensorStatus.ONLINE.equals(state) && !SensorStatus.OFFLINE.equals(state)) {
      throw FieldReader.refuse(Rejection.BAD_STATE, "field state is neither online nor offline");
    }
    return new SensorStatus(
        Finding.VERSION,
        sensor,
        state,
        fields.optionalText("version", MAX_VERSION),
        fields.optionalInstant("ts"),
        fields.counters("counters", MAX_COUNTERS));
  }

  private SensorSummary readSummary(FieldReader fields, String sensor) {
    return new SensorSummary(
        Finding.VERSION,
        sensor,
        fields.optionalInstant("window_start"),
        fields.optionalInstant("window_end"),
        fields.counters("counters", MAX_COUNTERS),
        fields.optionalObject("highlights"));
  }
}
