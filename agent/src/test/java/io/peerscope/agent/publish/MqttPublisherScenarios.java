package io.peerscope.agent.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.metrics.Counters;
import io.peerscope.wire.Finding;
import io.peerscope.wire.SensorStatus;
import io.peerscope.wire.SensorSummary;
import io.peerscope.wire.WireJson;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The publisher against a real broker: delivery with QoS 1, outages of the broker and of the agent,
 * a full spool, a damaged spool, the retained status and the last will. Each broker implementation
 * runs the same scenarios.
 */
abstract class MqttPublisherScenarios {
  static final String SENSOR = "pi-lab";
  static final String VERSION = "0.1.0-test";
  private static final long WAIT_MILLIS = 30_000;

  @TempDir Path tmp;
  TestBroker broker;
  Path spoolDir;
  private final List<AutoCloseable> toClose = new ArrayList<>();

  abstract TestBroker newBroker(Path dir) throws Exception;

  @BeforeEach
  void createBroker() throws Exception {
    broker = newBroker(Files.createDirectories(tmp.resolve("broker")));
    spoolDir = tmp.resolve("spool");
  }

  @AfterEach
  void stopEverything() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
    broker.close();
  }

  private <T extends AutoCloseable> T closeLater(T c) {
    toClose.add(c);
    return c;
  }

  PublishConfig config(String url) {
    return PublishConfig.defaults(url, spoolDir)
        .withTimeouts(
            Duration.ofSeconds(3),
            Duration.ofSeconds(20),
            Duration.ofMillis(100),
            Duration.ofMillis(400));
  }

  /** A config whose close gives up at once: the broker is down and the spool must keep it all. */
  PublishConfig configClosingFast(String url) {
    return config(url)
        .withTimeouts(
            Duration.ofSeconds(1),
            Duration.ofMillis(300),
            Duration.ofMillis(100),
            Duration.ofMillis(400));
  }

  static Finding finding(int i) {
    return Finding.of(
        SENSOR,
        "dns.exclusive-peer",
        "medium",
        String.format("host-%03d.example.com", i),
        Instant.parse("2016-05-02T06:12:00Z"),
        Instant.parse("2016-05-13T14:40:00Z"),
        i + 1,
        "only 10.0.0.5 asks for host-" + i,
        Map.of("top_peers", List.of(Map.of("peer", "10.0.0.5", "share", 1.0))));
  }

  static String idOf(int i) {
    return finding(i).id();
  }

  private MqttPublisher start(PublishConfig config, Counters counters) throws Exception {
    return closeLater(MqttPublisher.start(config, SENSOR, VERSION, counters));
  }

  private TestSubscriber subscriber(String clientId, boolean persistent) throws Exception {
    return closeLater(new TestSubscriber(broker.url(), clientId, SENSOR, persistent));
  }

  private static boolean await(java.util.function.BooleanSupplier c) throws InterruptedException {
    return TestSubscriber.await(c, WAIT_MILLIS);
  }

  /**
   * Waits (bounded) until a fresh subscriber is handed a retained status that matches. A broker may
   * forward a message before its retained store shows it, so one look is not enough.
   */
  private boolean awaitRetained(java.util.function.Predicate<SensorStatus> matches)
      throws Exception {
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    for (int attempt = 0; System.currentTimeMillis() < deadline; attempt++) {
      try (TestSubscriber fresh =
          new TestSubscriber(broker.url(), "retained-" + attempt, SENSOR, false).connect()) {
        if (TestSubscriber.await(() -> !fresh.statuses.isEmpty(), 2000)
            && fresh.statusRetained.get(0)
            && matches.test(fresh.statuses.get(0))) {
          return true;
        }
      }
      Thread.sleep(100);
    }
    return false;
  }

  @Test
  void findingsArriveWithQos1AndTheStatusIsRetained() throws Exception {
    broker.start();
    TestSubscriber live = subscriber("live", false).connect();
    Counters counters = new Counters();
    MqttPublisher publisher = start(config(broker.url()), counters);

    long t0 = Instant.parse("2016-05-02T06:12:10Z").getEpochSecond() * 1_000_000L;
    publisher.onTick(t0);
    for (int i = 0; i < 50; i++) {
      publisher.emit(finding(i));
    }
    counters.counter("dns.transactions").add(7);
    publisher.onTick(t0 + 61_000_000L);

    assertThat(await(() -> live.findings.size() == 50)).as("all 50 findings arrive").isTrue();
    assertThat(live.findingQos).containsOnly(1);
    assertThat(live.lastFinding.get(idOf(7))).isEqualTo(finding(7));
    assertThat(await(() -> !live.summaries.isEmpty())).as("the summary arrives").isTrue();
    SensorSummary summary = live.summaries.get(0);
    assertThat(summary.sensor()).isEqualTo(SENSOR);
    assertThat(summary.windowStart()).isEqualTo(Instant.parse("2016-05-02T06:12:00Z"));
    assertThat(summary.windowEnd()).isEqualTo(Instant.parse("2016-05-02T06:13:00Z"));
    assertThat(summary.counters()).containsEntry("dns.transactions", 7L);
    assertThat(publisher.awaitDelivered(Duration.ofSeconds(10))).isTrue();
    assertThat(counters.get("publish.findings_published")).isEqualTo(50);

    assertThat(
            awaitRetained(
                s ->
                    SensorStatus.ONLINE.equals(s.state())
                        && VERSION.equals(s.version())
                        && s.counters().containsKey("publish.pending")))
        .as("retained online status")
        .isTrue();

    // a replay ends: close right after the last emit still delivers everything
    for (int i = 50; i < 150; i++) {
      publisher.emit(finding(i));
    }
    publisher.close();
    assertThat(publisher.pending()).isZero();
    assertThat(await(() -> live.findings.size() == 150)).isTrue();
    assertThat(
            awaitRetained(
                s ->
                    SensorStatus.OFFLINE.equals(s.state())
                        && s.counters().getOrDefault("publish.findings_published", 0L) == 150
                        && s.counters().getOrDefault("publish.pending", -1L) == 0))
        .as("retained offline status with the final counters")
        .isTrue();
  }

  @Test
  void brokerDownAtStartThenUpDeliversEverything() throws Exception {
    // the subscriber's session exists on the broker before the outage, as a collector's would
    broker.start();
    TestSubscriber collector = subscriber("collector", true).connect();
    collector.disconnect();
    broker.stop();

    Counters counters = new Counters();
    MqttPublisher publisher = start(config(broker.url()), counters);
    for (int i = 0; i < 30; i++) {
      publisher.emit(finding(i));
    }
    assertThat(await(() -> counters.get("publish.connect_failures") >= 2)).isTrue();
    assertThat(publisher.pending()).isEqualTo(30);

    broker.start();
    collector.connect();

    assertThat(await(() -> collector.findings.size() == 30)).as("all 30 arrive").isTrue();
    assertThat(publisher.awaitDelivered(Duration.ofSeconds(10))).isTrue();
    assertThat(counters.get("publish.findings_published")).isEqualTo(30);
    assertThat(counters.get("publish.reconnects")).isZero();
  }

  @Test
  void brokerStoppedMidStreamAndRestartedLosesNothing() throws Exception {
    broker.start();
    // a persistent session: what the broker acknowledged before it stopped is queued for the
    // subscriber in the broker's own persistence
    TestSubscriber collector = subscriber("collector", true).connect();
    // The publisher reaches the broker through a relay that can hold it off after the restart
    // until the subscriber is back: what is tested is the publisher's loss, not the broker's.
    TcpRelay relay = closeLater(new TcpRelay(broker.port()));
    Counters counters = new Counters();
    MqttPublisher publisher = start(config(relay.url()), counters);

    for (int i = 0; i < 40; i++) {
      publisher.emit(finding(i));
    }
    assertThat(await(() -> collector.findings.size() >= 5)).isTrue();
    relay.hold(true);
    broker.stop();
    for (int i = 40; i < 80; i++) {
      publisher.emit(finding(i));
    }
    assertThat(await(() -> counters.get("publish.connect_failures") >= 1)).isTrue();
    broker.start();
    collector.reconnect(WAIT_MILLIS);
    relay.hold(false);

    assertThat(await(() -> collector.findings.size() == 80))
        .as(() -> "all 80 arrive, got " + collector.findings.size() + "; " + counters.snapshot())
        .isTrue();
    assertThat(collector.findings.keySet())
        .containsExactlyInAnyOrderElementsOf(
            IntStream.range(0, 80).mapToObj(i -> idOf(i)).toList());
    assertThat(publisher.awaitDelivered(Duration.ofSeconds(10))).isTrue();
    assertThat(counters.get("publish.reconnects")).isGreaterThanOrEqualTo(1);
    assertThat(counters.get("publish.findings_published")).isEqualTo(80);
  }

  @Test
  void aBrokerThatAcceptsAndClosesAtOnceLeaksNoThreads() throws Exception {
    broker.start();
    TestSubscriber collector = subscriber("collector", false).connect();
    TcpRelay relay = closeLater(new TcpRelay(broker.port()));
    relay.hold(true);
    long before = connectThreads();
    Counters counters = new Counters();
    MqttPublisher publisher = start(config(relay.url()), counters);
    for (int i = 0; i < 10; i++) {
      publisher.emit(finding(i));
    }
    assertThat(await(() -> counters.get("publish.connect_failures") >= 4)).isTrue();
    // Paho's connecting thread waits for a receiver that may already have seen the close: each
    // attempt used to leave one behind, polling forever
    assertThat(connectThreads() - before).as("connecting threads left behind").isLessThanOrEqualTo(1);

    relay.hold(false);
    assertThat(await(() -> collector.findings.size() == 10)).isTrue();
    assertThat(publisher.awaitDelivered(Duration.ofSeconds(10))).isTrue();
  }

  @Test
  void aBrokerThatAcceptsButNeverAnswersDoesNotWedgeThePublisher() throws Exception {
    broker.start();
    TestSubscriber collector = subscriber("collector", false).connect();
    TcpRelay relay = closeLater(new TcpRelay(broker.port()));
    relay.silent(true);
    Counters counters = new Counters();
    MqttPublisher publisher =
        start(
            config(relay.url())
                .withTimeouts(
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(20),
                    Duration.ofMillis(100),
                    Duration.ofMillis(400)),
            counters);
    for (int i = 0; i < 10; i++) {
      publisher.emit(finding(i));
    }
    assertThat(await(() -> counters.get("publish.connect_failures") >= 2)).isTrue();

    relay.silent(false);
    assertThat(await(() -> collector.findings.size() == 10))
        .as(() -> "all 10 arrive once the broker answers; " + counters.snapshot())
        .isTrue();
    assertThat(publisher.awaitDelivered(Duration.ofSeconds(10))).isTrue();
  }

  /** Paho names the thread that runs a connection attempt after the client id. */
  private static long connectThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().equals("MQTT Con: peerscope-" + SENSOR))
        .count();
  }

  @Test
  void aRestartedPublisherSendsWhatItsSpoolKept() throws Exception {
    Counters first = new Counters();
    MqttPublisher before = start(configClosingFast(broker.url()), first);
    for (int i = 0; i < 20; i++) {
      before.emit(finding(i));
    }
    before.close();
    assertThat(before.pending()).isEqualTo(20);

    broker.start();
    TestSubscriber collector = subscriber("collector", false).connect();
    Counters second = new Counters();
    MqttPublisher after = start(config(broker.url()), second);

    assertThat(await(() -> collector.findings.size() == 20)).isTrue();
    assertThat(after.awaitDelivered(Duration.ofSeconds(10))).isTrue();
    assertThat(second.get("publish.findings_published")).isEqualTo(20);
  }

  @Test
  void aFullSpoolDropsTheOldestAndCountsThem() throws Exception {
    Counters first = new Counters();
    MqttPublisher before =
        start(configClosingFast(broker.url()).withSpoolMaxBytes(Spool.MIN_BYTES), first);
    for (int i = 0; i < 60; i++) {
      before.emit(finding(i));
    }
    long dropped = first.get("publish.spool_dropped");
    long kept = before.pending();
    before.close();
    assertThat(dropped).isPositive();
    assertThat(dropped + kept).isEqualTo(60);

    broker.start();
    TestSubscriber collector = subscriber("collector", false).connect();
    MqttPublisher after =
        start(config(broker.url()).withSpoolMaxBytes(Spool.MIN_BYTES), new Counters());

    assertThat(await(() -> collector.findings.size() == kept)).isTrue();
    assertThat(after.awaitDelivered(Duration.ofSeconds(10))).isTrue();
    assertThat(collector.findings.keySet())
        .as("the newest survive")
        .containsExactlyInAnyOrderElementsOf(
            IntStream.range((int) dropped, 60).mapToObj(i -> idOf(i)).toList());
  }

  @Test
  void theWillSaysOfflineWhenTheConnectionDiesAbruptly() throws Exception {
    broker.start();
    TcpRelay relay = closeLater(new TcpRelay(broker.port()));
    MqttPublisher doomed = start(configClosingFast(relay.url()), new Counters());
    TestSubscriber watcher = subscriber("watcher", false).connect();
    assertThat(
            await(
                () ->
                    watcher.statuses.stream().anyMatch(s -> SensorStatus.ONLINE.equals(s.state()))))
        .as("online status")
        .isTrue();
    int seen = watcher.statuses.size();

    relay.cut();

    assertThat(
            await(
                () ->
                    watcher.statuses.stream()
                        .skip(seen)
                        .anyMatch(s -> SensorStatus.OFFLINE.equals(s.state()))))
        .as("the will's offline status")
        .isTrue();
    SensorStatus will =
        watcher.statuses.stream()
            .skip(seen)
            .filter(s -> SensorStatus.OFFLINE.equals(s.state()))
            .findFirst()
            .orElseThrow();
    assertThat(will.counters()).as("the will, not a clean close, which carries counters").isEmpty();
    // the broker may send the will before the client has noticed its connection is gone
    assertThat(await(() -> !doomed.connected())).as("the publisher sees the connection lost").isTrue();

    assertThat(awaitRetained(s -> SensorStatus.OFFLINE.equals(s.state()))).as("retained").isTrue();
  }

  @Test
  void aDamagedSpoolIsCountedAndTheRestDelivered() throws Exception {
    long cap = 16 * 1024; // 2 KiB segments: a few findings each
    MqttPublisher before =
        start(configClosingFast(broker.url()).withSpoolMaxBytes(cap), new Counters());
    for (int i = 0; i < 20; i++) {
      before.emit(finding(i));
    }
    before.close();

    Path first;
    try (Stream<Path> files = Files.list(spoolDir)) {
      first = files.filter(f -> f.toString().endsWith(".seg")).sorted().findFirst().orElseThrow();
    }
    List<Long> offsets = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    try (FileChannel ch = FileChannel.open(first, StandardOpenOption.READ)) {
      long size = ch.size();
      for (long at = 0; at < size; ) {
        byte[] payload = SpoolRecords.read(ch, at, size);
        offsets.add(at);
        ids.add(
            WireJson.mapper()
                .readValue(Arrays.copyOfRange(payload, 1, payload.length), Finding.class)
                .id());
        at += SpoolRecords.size(payload);
      }
    }
    assertThat(ids).hasSizeGreaterThanOrEqualTo(3).hasSizeLessThan(20);
    try (RandomAccessFile raf = new RandomAccessFile(first.toFile(), "rw")) {
      long at = offsets.get(1) + SpoolRecords.HEADER_BYTES + 20;
      raf.seek(at);
      int b = raf.read();
      raf.seek(at);
      raf.write(b ^ 0x01);
    }
    List<String> lost = ids.subList(1, ids.size());

    broker.start();
    TestSubscriber collector = subscriber("collector", false).connect();
    Counters counters = new Counters();
    MqttPublisher after = start(config(broker.url()).withSpoolMaxBytes(cap), counters);

    int expected = 20 - lost.size();
    assertThat(await(() -> collector.findings.size() == expected)).isTrue();
    assertThat(after.awaitDelivered(Duration.ofSeconds(10))).isTrue();
    assertThat(counters.get("publish.spool_corrupt")).isEqualTo(1);
    assertThat(collector.findings).doesNotContainKeys(lost.toArray(String[]::new));
    assertThat(collector.findings).containsKeys(ids.get(0), idOf(19));
  }
}
