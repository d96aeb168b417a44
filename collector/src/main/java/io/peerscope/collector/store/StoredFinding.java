package io.peerscope.collector.store;

import io.peerscope.wire.Finding;
import java.util.List;

/** A finding as stored, with the ids of every sensor that reported it. */
public record StoredFinding(Finding finding, List<String> sensors) {
  public StoredFinding {
    sensors = List.copyOf(sensors);
  }
}
