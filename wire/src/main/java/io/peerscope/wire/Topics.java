package io.peerscope.wire;

/** MQTT topics of CONTRACT.md. Sensor ids are restricted so they can never inject topic levels. */
public final class Topics {
  public static final String ROOT = "peerscope";
  public static final String ALL_FINDINGS = ROOT + "/+/findings";
  public static final String ALL_SUMMARIES = ROOT + "/+/summary";
  public static final String ALL_STATUS = ROOT + "/+/status";

  private Topics() {}

  public static String findings(String sensor) {
    return ROOT + "/" + SensorId.require(sensor) + "/findings";
  }

  public static String summary(String sensor) {
    return ROOT + "/" + SensorId.require(sensor) + "/summary";
  }

  public static String status(String sensor) {
    return ROOT + "/" + SensorId.require(sensor) + "/status";
  }

  /** The sensor level of a topic such as {@code peerscope/pi-1/status}, or null if malformed. */
  public static String sensorOf(String topic) {
    String[] parts = topic.split("/", -1);
    if (parts.length != 3 || !ROOT.equals(parts[0]) || !SensorId.isValid(parts[1])) {
      return null;
    }
    return parts[1];
  }

  /** The last level of a topic: findings, summary or status; null if malformed. */
  public static String channelOf(String topic) {
    String[] parts = topic.split("/", -1);
    return parts.length == 3 ? parts[2] : null;
  }
}
