package io.peerscope.collector.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.wire.Finding;
import io.peerscope.wire.WireJson;
import io.peerscope.wire.SensorStatus;
import io.peerscope.wire.SensorSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FindingStoreTest {
  private static final Instant T0 = Instant.parse("2016-05-02T06:12:00Z");
  private Database database;
  private FindingStore findings;
  private SensorStore sensors;

  @BeforeEach
  void open() throws Exception {
    database = Database.open("jdbc:h2:mem:" + UUID.randomUUID());
    findings = new FindingStore(database);
    sensors = new SensorStore(database, 100);
  }

  @AfterEach
  void close() throws Exception {
    database.close();
  }

  private static Finding finding(String sensor, String subject, Instant last, long count) {
    return Finding.of(sensor, "dns.exclusive-peer", "medium", subject, T0, last, count,
        "one client only", Map.of("count", count));
  }

  /** Compared as wire JSON: evidence numbers come back as the narrowest Java type. */
  private static String json(Finding f) throws Exception {
    return WireJson.mapper().writeValueAsString(f);
  }

  @Test
  void qosOneRedeliveryNeverDuplicates() throws Exception {
    Finding f = finding("pi-1", "mail1.example.com", T0.plusSeconds(60), 5);
    assertThat(findings.upsert(f, Instant.now())).isEqualTo(FindingStore.Outcome.INSERTED);
    assertThat(findings.upsert(f, Instant.now())).isEqualTo(FindingStore.Outcome.UPDATED);
    assertThat(findings.upsert(f, Instant.now())).isEqualTo(FindingStore.Outcome.UPDATED);
    List<StoredFinding> all = findings.find(FindingQuery.all(100));
    assertThat(all).hasSize(1);
    assertThat(json(all.get(0).finding())).isEqualTo(json(f));
    assertThat(all.get(0).sensors()).containsExactly("pi-1");
    assertThat(findings.count()).isEqualTo(1);
  }

  @Test
  void grownEvidenceUpdatesAndAnOlderVersionIsKeptOut() throws Exception {
    Finding early = finding("pi-1", "mail1.example.com", T0.plusSeconds(60), 5);
    Finding later = finding("pi-1", "mail1.example.com", T0.plusSeconds(600), 50);
    findings.upsert(early, Instant.now());
    assertThat(findings.upsert(later, Instant.now())).isEqualTo(FindingStore.Outcome.UPDATED);
    assertThat(findings.upsert(early, Instant.now())).isEqualTo(FindingStore.Outcome.STALE);
    StoredFinding stored = findings.find(FindingQuery.all(10)).get(0);
    assertThat(stored.finding().count()).isEqualTo(50);
    assertThat(stored.finding().evidence()).containsEntry("count", 50);
    assertThat(stored.finding().lastSeen()).isEqualTo(T0.plusSeconds(600));
  }

  @Test
  void everySensorThatReportedAFindingIsListed() throws Exception {
    Finding f = finding("pi-1", "shared.example.com", T0.plusSeconds(60), 1);
    Finding sameIdOtherSensor =
        new Finding(1, f.id(), "pi-2", f.kind(), f.severity(), f.subject(), f.firstSeen(),
            f.lastSeen().plusSeconds(1), 2, f.summary(), f.evidence());
    findings.upsert(f, Instant.now());
    findings.upsert(sameIdOtherSensor, Instant.now());
    assertThat(findings.find(FindingQuery.all(10)).get(0).sensors()).containsExactly("pi-1", "pi-2");
    assertThat(findings.find(new FindingQuery(null, "pi-2", null, null, 10))).hasSize(1);
  }

  @Test
  void filtersByKindSensorSubjectAndSinceNewestFirst() throws Exception {
    findings.upsert(finding("pi-1", "a.example", T0.plusSeconds(10), 1), Instant.now());
    findings.upsert(finding("pi-1", "b.example", T0.plusSeconds(20), 1), Instant.now());
    findings.upsert(finding("pi-2", "c.example", T0.plusSeconds(30), 1), Instant.now());
    findings.upsert(Finding.of("pi-2", "smtp.weak-tls", "high", "192.0.2.1:25", T0,
        T0.plusSeconds(40), 1, "TLS 1.0", Map.of()), Instant.now());

    assertThat(findings.find(FindingQuery.all(10)))
        .extracting(s -> s.finding().subject())
        .containsExactly("192.0.2.1:25", "c.example", "b.example", "a.example");
    assertThat(findings.find(new FindingQuery("smtp.weak-tls", null, null, null, 10))).hasSize(1);
    assertThat(findings.find(new FindingQuery(null, "pi-1", null, null, 10))).hasSize(2);
    assertThat(findings.find(new FindingQuery(null, null, "b.example", null, 10))).hasSize(1);
    assertThat(findings.find(new FindingQuery(null, null, null, T0.plusSeconds(20), 10)))
        .extracting(s -> s.finding().subject())
        .containsExactly("192.0.2.1:25", "c.example", "b.example");
    assertThat(findings.find(FindingQuery.all(2))).hasSize(2);
  }

  @Test
  void hostileStringsAreStoredVerbatimThroughPreparedStatements() throws Exception {
    String subject = "x'); DROP TABLE findings; --<script>alert(1)</script>.example";
    Finding f = Finding.of("pi-1", "dns.renamed-host", "low", subject, T0, T0, 1,
        "summary with \"quotes\" and \u0000 nul", Map.of("note", "'; DELETE FROM sensors; --"));
    findings.upsert(f, Instant.now());
    List<StoredFinding> found = findings.find(new FindingQuery(null, null, subject, null, 10));
    assertThat(found).hasSize(1);
    assertThat(json(found.get(0).finding())).isEqualTo(json(f));
    assertThat(findings.count()).isEqualTo(1);
  }

  @Test
  void sensorRowsFollowStatusSummaryAndFindings() throws Exception {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    sensors.seen("pi-1", now);
    assertThat(sensors.list()).singleElement().satisfies(row -> {
      assertThat(row.state()).isEqualTo(SensorRow.UNKNOWN);
      assertThat(row.counters()).isEmpty();
      assertThat(row.summary()).isNull();
    });
    sensors.status(new SensorStatus(1, "pi-1", "online", "0.1.0", now, Map.of("capture.packets", 7L)),
        now.plusSeconds(1));
    sensors.summary(new SensorSummary(1, "pi-1", now, now.plusSeconds(60), Map.of("dns.transactions", 2L),
        Map.of()), now.plusSeconds(2));
    sensors.summary(new SensorSummary(1, "pi-1", now.plusSeconds(60), now.plusSeconds(120),
        Map.of("dns.transactions", 3L), Map.of("top_names", List.of(Map.of("name", "www.example.com", "count", 3)))),
        now.plusSeconds(2));
    sensors.status(new SensorStatus(1, "pi-1", "offline", "0.1.0", now, Map.of("capture.packets", 9L)),
        now.plusSeconds(3));
    SensorRow row = sensors.list().get(0);
    assertThat(row.id()).isEqualTo("pi-1");
    assertThat(row.state()).isEqualTo("offline");
    assertThat(row.version()).isEqualTo("0.1.0");
    assertThat(row.counters()).containsEntry("capture.packets", 9);
    assertThat(row.lastSeen()).isEqualTo(now.plusSeconds(3));
    // the latest summary only, as the sensor sent it
    assertThat(row.summary()).containsEntry("window_start", "2026-01-01T00:01:00Z")
        .containsEntry("counters", Map.of("dns.transactions", 3));
    assertThat(row.summary().get("highlights"))
        .isEqualTo(Map.of("top_names", List.of(Map.of("name", "www.example.com", "count", 3))));
  }

  @Test
  void retentionDeletesFindingsNotReceivedForThePeriod() throws Exception {
    Instant now = Instant.parse("2026-06-01T00:00:00Z");
    findings.upsert(finding("pi-1", "old.example", T0, 1), now.minus(java.time.Duration.ofDays(91)));
    findings.upsert(finding("pi-1", "fresh.example", T0, 1), now.minus(java.time.Duration.ofDays(89)));
    // re-sent recently: its receive time moves, so it stays however old its capture time is
    findings.upsert(finding("pi-1", "resent.example", T0, 1), now.minus(java.time.Duration.ofDays(200)));
    findings.upsert(finding("pi-1", "resent.example", T0, 1), now.minus(java.time.Duration.ofDays(1)));
    java.util.concurrent.atomic.AtomicLong expired = new java.util.concurrent.atomic.AtomicLong();
    Retention retention = new Retention(findings, java.time.Duration.ofDays(90),
        java.time.Clock.fixed(now, java.time.ZoneOffset.UTC), expired::addAndGet);
    try (retention) {
      assertThat(retention.sweep()).isEqualTo(1);
    }
    assertThat(expired.get()).isEqualTo(1);
    assertThat(findings.find(FindingQuery.all(10)))
        .extracting(s -> s.finding().subject())
        .containsExactlyInAnyOrder("fresh.example", "resent.example");
  }

  @Test
  void schemaIsVersionedAndReopeningKeepsData() throws Exception {
    String url = "jdbc:h2:mem:reopen-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    try (Database first = Database.open(url)) {
      new FindingStore(first).upsert(finding("pi-1", "kept.example", T0, 1), Instant.now());
    }
    try (Database second = Database.open(url)) {
      assertThat(new FindingStore(second).count()).isEqualTo(1);
      int version = second.transaction(c -> {
        try (var rs = c.prepareStatement("SELECT version FROM schema_version").executeQuery()) {
          rs.next();
          return rs.getInt(1);
        }
      });
      assertThat(version).isEqualTo(Schema.currentVersion());
    }
  }
}
