package io.peerscope.agent.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.metrics.Counters;
import io.peerscope.wire.SensorSummary;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The publisher scenarios against Debian's Mosquitto, run as a child process. */
class MqttPublisherMosquittoTest extends MqttPublisherScenarios {
  @Override
  TestBroker newBroker(Path dir) throws Exception {
    return new MosquittoBroker(dir);
  }

  @Test
  void liveCaptureSummariesFollowTheWallClock() throws Exception {
    broker.start();
    try (TestSubscriber live = new TestSubscriber(broker.url(), "live", SENSOR, false).connect()) {
      Counters counters = new Counters();
      try (MqttPublisher publisher =
          MqttPublisher.start(
              config(broker.url()).withSummaries(1, PublishConfig.SummaryClock.WALL),
              SENSOR,
              VERSION,
              counters,
              () -> Map.of("busiest", "example.com"))) {
        Instant started = Instant.now();
        publisher.onTick(0); // capture ticks are ignored on the wall clock
        assertThat(TestSubscriber.await(() -> live.summaries.size() >= 1, 10_000)).isTrue();
        counters.counter("dns.transactions").add(3);

        assertThat(TestSubscriber.await(() -> live.summaries.size() >= 3, 10_000)).isTrue();
        SensorSummary first = live.summaries.get(0);
        assertThat(first.windowEnd()).isAfter(started.minusSeconds(2));
        assertThat(first.highlights()).containsEntry("busiest", "example.com");
        long total =
            live.summaries.stream()
                .mapToLong(s -> s.counters().getOrDefault("dns.transactions", 0L))
                .sum();
        assertThat(total).isEqualTo(3);
      }
    }
  }
}
