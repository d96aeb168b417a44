package io.peerscope.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.collector.CollectorMetrics;
import io.peerscope.collector.CollectorMetrics.Channel;
import io.peerscope.collector.TestSupport;
import io.peerscope.collector.store.Database;
import io.peerscope.collector.store.FindingQuery;
import io.peerscope.collector.store.FindingStore;
import io.peerscope.collector.store.SensorStore;
import io.peerscope.wire.Rejection;
import io.peerscope.wire.WireValidator;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ingest path without a broker: real validator, real H2 stores. */
class IngestHandlerTest {
  private Database database;
  private FindingStore findings;
  private final CollectorMetrics metrics = new CollectorMetrics();
  private IngestHandler handler;

  @BeforeEach
  void open() throws Exception {
    database = Database.open("jdbc:h2:mem:" + UUID.randomUUID());
    findings = new FindingStore(database);
    handler = new IngestHandler(new WireValidator(8192), findings, new SensorStore(database, 3), metrics,
        Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
  }

  @AfterEach
  void close() throws Exception {
    database.close();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void validMessagesAreStoredAndRedeliveryIsStale() throws Exception {
    String finding = TestSupport.findingJson("pi-1", "dns.beaconing", "c2.example", "2016-05-03T00:00:00Z", 3, "{}");
    assertThat(handler.handle("peerscope/pi-1/findings", utf8(finding))).isEqualTo(IngestHandler.Outcome.STORED);
    assertThat(handler.handle("peerscope/pi-1/status", utf8(TestSupport.statusJson("pi-1", "online"))))
        .isEqualTo(IngestHandler.Outcome.STORED);
    assertThat(handler.handle("peerscope/pi-1/findings", utf8(finding.replace("\"count\":3", "\"count\":2"))))
        .isEqualTo(IngestHandler.Outcome.STALE);
    assertThat(findings.count()).isEqualTo(1);
    assertThat(metrics.receivedCount(Channel.FINDINGS)).isEqualTo(2);
    assertThat(metrics.findingsInserted.sum()).isEqualTo(1);
    assertThat(metrics.findingsStale.sum()).isEqualTo(1);
  }

  @Test
  void newSensorsBeyondTheCapAreRefusedAndCounted() throws Exception {
    for (String sensor : new String[] {"pi-1", "pi-2", "pi-3"}) {
      assertThat(handler.handle("peerscope/" + sensor + "/status", utf8(TestSupport.statusJson(sensor, "online"))))
          .isEqualTo(IngestHandler.Outcome.STORED);
    }
    String fourth = TestSupport.findingJson("pi-4", "dns.beaconing", "c2.example", "2016-05-03T00:00:00Z", 3, "{}");
    assertThat(handler.handle("peerscope/pi-4/findings", utf8(fourth))).isEqualTo(IngestHandler.Outcome.INVALID);
    assertThat(handler.handle("peerscope/pi-4/status", utf8(TestSupport.statusJson("pi-4", "online"))))
        .isEqualTo(IngestHandler.Outcome.INVALID);
    assertThat(metrics.invalidCount(Rejection.SENSOR_LIMIT)).isEqualTo(2);
    assertThat(findings.count()).isZero();
    String known = TestSupport.findingJson("pi-2", "dns.beaconing", "c2.example", "2016-05-03T00:00:00Z", 3, "{}");
    assertThat(handler.handle("peerscope/pi-2/findings", utf8(known))).isEqualTo(IngestHandler.Outcome.STORED);
  }

  @Test
  void aDatabaseFailureIsReportedAndCountedNotThrown() throws Exception {
    database.close();
    String finding = TestSupport.findingJson("pi-1", "dns.beaconing", "c2.example", "2016-05-03T00:00:00Z", 3, "{}");
    assertThat(handler.handle("peerscope/pi-1/findings", utf8(finding))).isEqualTo(IngestHandler.Outcome.FAILED);
    assertThat(handler.handle("peerscope/pi-1/findings", utf8(finding))).isEqualTo(IngestHandler.Outcome.FAILED);
    assertThat(metrics.storeErrors.sum()).isEqualTo(2);
    database = Database.open("jdbc:h2:mem:" + UUID.randomUUID()); // for close() after the test
  }

  @Test
  void unknownTopicsAreCountedAsBadTopic() {
    assertThat(handler.handle("peerscope/pi-1/other", utf8("{}"))).isEqualTo(IngestHandler.Outcome.INVALID);
    assertThat(handler.handle("peerscope/pi-1/findings/extra", utf8("{}"))).isEqualTo(IngestHandler.Outcome.INVALID);
    assertThat(handler.handle(null, null)).isEqualTo(IngestHandler.Outcome.INVALID);
    assertThat(metrics.invalidCount(Rejection.BAD_TOPIC)).isEqualTo(3);
  }

  @Test
  void randomAndMutatedPayloadsNeverThrowAndAreAllAccountedFor() throws Exception {
    Random random = new Random(20261123L);
    byte[] valid = utf8(TestSupport.findingJson("pi-f", "dns.exclusive-peer", "fuzz.example",
        "2016-05-03T00:00:00Z", 3, "{\"a\":[1,2,{\"b\":\"c\"}]}"));
    int messages = 3000;
    int stored = 0;
    for (int i = 0; i < messages; i++) {
      byte[] payload;
      if (i % 2 == 0) {
        payload = new byte[random.nextInt(300)];
        random.nextBytes(payload);
      } else {
        payload = Arrays.copyOf(valid, valid.length);
        for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
          payload[random.nextInt(payload.length)] = (byte) random.nextInt(256);
        }
        if (random.nextBoolean()) {
          payload = Arrays.copyOf(payload, random.nextInt(payload.length));
        }
      }
      String channel = new String[] {"findings", "status", "summary"}[i % 3];
      IngestHandler.Outcome outcome = handler.handle("peerscope/pi-f/" + channel, payload);
      assertThat(outcome).isNotEqualTo(IngestHandler.Outcome.FAILED);
      if (outcome != IngestHandler.Outcome.INVALID) {
        stored++;
      }
    }
    long invalid = 0;
    for (Rejection rejection : Rejection.values()) {
      invalid += metrics.invalidCount(rejection);
    }
    assertThat(invalid + stored).isEqualTo(messages);
    assertThat(metrics.storeErrors.sum()).isZero();
    assertThat(findings.find(FindingQuery.all(10_000)).size()).isLessThanOrEqualTo(stored);
  }
}
