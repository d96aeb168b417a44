package io.peerscope.collector;

import io.peerscope.wire.Rejection;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The collector's counters, rendered by {@code GET /metrics}. Labels are fixed vocabularies
 * (channel names, rejection reasons, status classes): never sensor ids, names or addresses.
 */
public final class CollectorMetrics {
  /** MQTT channels: the last topic level. */
  public enum Channel {
    FINDINGS("findings"),
    SUMMARY("summary"),
    STATUS("status");

    private final String label;

    Channel(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    /** The channel for a topic's last level, or null. */
    public static Channel of(String level) {
      for (Channel channel : values()) {
        if (channel.label.equals(level)) {
          return channel;
        }
      }
      return null;
    }
  }

  private final Map<Channel, LongAdder> received = new EnumMap<>(Channel.class);
  private final Map<Rejection, LongAdder> invalid = new EnumMap<>(Rejection.class);
  public final LongAdder findingsInserted = new LongAdder();
  public final LongAdder findingsUpdated = new LongAdder();
  public final LongAdder findingsStale = new LongAdder();
  public final LongAdder storeErrors = new LongAdder();
  public final LongAdder findingsExpired = new LongAdder();
  /** Valid messages acknowledged although every attempt to store them failed. */
  public final LongAdder messagesLost = new LongAdder();
  public final LongAdder brokerConnects = new LongAdder();
  public final LongAdder brokerDisconnects = new LongAdder();
  public final LongAdder httpRequests = new LongAdder();
  public final LongAdder httpClientErrors = new LongAdder();
  public final LongAdder httpServerErrors = new LongAdder();

  public CollectorMetrics() {
    for (Channel channel : Channel.values()) {
      received.put(channel, new LongAdder());
    }
    for (Rejection rejection : Rejection.values()) {
      invalid.put(rejection, new LongAdder());
    }
  }

  public void received(Channel channel) {
    received.get(channel).increment();
  }

  public void invalid(Rejection rejection) {
    invalid.get(rejection).increment();
  }

  public long receivedCount(Channel channel) {
    return received.get(channel).sum();
  }

  public long invalidCount(Rejection rejection) {
    return invalid.get(rejection).sum();
  }

  public Map<Channel, LongAdder> receivedByChannel() {
    return received;
  }

  public Map<Rejection, LongAdder> invalidByReason() {
    return invalid;
  }
}
