package io.peerscope.wire;

import java.util.regex.Pattern;

/** Sensor ids: 1-64 of [A-Za-z0-9._-]; no MQTT wildcards or separators. */
public final class SensorId {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private SensorId() {}

  public static boolean isValid(String id) {
    return id != null && VALID.matcher(id).matches();
  }

  public static String require(String id) {
    if (!isValid(id)) {
      throw new IllegalArgumentException(
          "sensor id must be 1-64 characters of A-Z a-z 0-9 . _ - : " + id);
    }
    return id;
  }
}
