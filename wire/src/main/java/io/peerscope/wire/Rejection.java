package io.peerscope.wire;

/**
 * Why a message from the wire was refused. The label is a metric label value
 * ({@code peerscope_collector_invalid_messages_total{reason="..."}}): a fixed vocabulary, never
 * anything taken from the message itself.
 */
public enum Rejection {
  /** An empty payload: the way MQTT clears a retained message, not data. */
  EMPTY("empty"),
  TOO_LARGE("too_large"),
  NOT_JSON("not_json"),
  NOT_OBJECT("not_object"),
  BAD_VERSION("bad_version"),
  BAD_TOPIC("bad_topic"),
  SENSOR_MISMATCH("sensor_mismatch"),
  MISSING_FIELD("missing_field"),
  BAD_FIELD("bad_field"),
  BAD_KIND("bad_kind"),
  BAD_STATE("bad_state"),
  /** A valid message from a new sensor id while the collector already stores its maximum. */
  SENSOR_LIMIT("sensor_limit");

  private final String label;

  Rejection(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
