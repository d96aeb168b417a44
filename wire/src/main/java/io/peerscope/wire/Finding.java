package io.peerscope.wire;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * One finding, exactly the JSON of CONTRACT.md ("A finding"). The same value is written to
 * {@code findings.jsonl}, published on {@code peerscope/<sensor>/findings} and stored by the
 * collector. A finding is updated in place as evidence grows: the id stays stable for the same
 * sensor, kind and subject, so the collector upserts instead of duplicating.
 */
public record Finding(
    int v,
    String id,
    String sensor,
    String kind,
    String severity,
    String subject,
    Instant firstSeen,
    Instant lastSeen,
    long count,
    String summary,
    Map<String, Object> evidence) {

  public static final int VERSION = 1;

  public Finding {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(sensor, "sensor");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
    evidence = evidence == null ? Map.of() : evidence;
  }

  /** Builds a finding of the current schema version with its stable id. */
  public static Finding of(
      String sensor,
      String kind,
      String severity,
      String subject,
      Instant firstSeen,
      Instant lastSeen,
      long count,
      String summary,
      Map<String, Object> evidence) {
    return new Finding(
        VERSION,
        stableId(sensor, kind, subject),
        sensor,
        kind,
        severity,
        subject,
        firstSeen,
        lastSeen,
        count,
        summary,
        evidence);
  }

  /** Same sensor, kind and subject give the same id (hex of a SHA-256 prefix). */
  public static String stableId(String sensor, String kind, String subject) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest =
          sha.digest((sensor + '\n' + kind + '\n' + subject).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
