package io.peerscope.agent.publish;

import io.peerscope.wire.Topics;

/**
 * What a spooled message is: the first byte of its spool record, so the topic is known when it is
 * sent again after a restart. Status messages are never spooled: only the latest one matters, and
 * the broker retains it.
 */
enum Channel {
  FINDINGS((byte) 'F'),
  SUMMARY((byte) 'S');

  final byte tag;

  Channel(byte tag) {
    this.tag = tag;
  }

  String topic(String sensor) {
    return this == FINDINGS ? Topics.findings(sensor) : Topics.summary(sensor);
  }

  /** The channel of a tag byte, or null for a byte no version of the agent ever wrote. */
  static Channel of(byte tag) {
    for (Channel c : values()) {
      if (c.tag == tag) {
        return c;
      }
    }
    return null;
  }
}
