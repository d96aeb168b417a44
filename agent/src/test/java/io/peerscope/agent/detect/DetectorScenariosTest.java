package io.peerscope.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.decode.IpAddress;
import io.peerscope.agent.dns.DnsTransaction;
import io.peerscope.agent.metrics.Counters;
import io.peerscope.agent.track.TrackConfig;
import io.peerscope.wire.Finding;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Small hand-made scenarios for the detectors' edges, fed as transactions. */
class DetectorScenariosTest {
  static final long T0 = Instant.parse("2016-05-02T00:00:00Z").getEpochSecond() * 1_000_000L;
  static final long HOUR = 3_600_000_000L;
  static final IpAddress SERVER = IpAddress.parse("198.51.100.53");

  static DnsTransaction answered(long ts, String client, String name, String address) {
    return new DnsTransaction(ts, IpAddress.parse(client), 40000, SERVER, 53, "udp", 1, 1000L,
        name, 1, 1, "A", 0, "NOERROR", false, false, true, true, 0, List.of(address),
        List.of(300L), List.of(1), true, true);
  }

  static DnsTransaction unanswered(long ts, String client, String name) {
    return new DnsTransaction(ts, IpAddress.parse(client), 40000, SERVER, 53, "udp", 1, null,
        name, 1, 1, "A", null, null, false, false, true, false, 0, List.of(), List.of(),
        List.of(), true, false);
  }

  static DnsTransaction loneResponse(long ts, String client, String name, String address) {
    return new DnsTransaction(ts, IpAddress.parse(client), 40000, SERVER, 53, "udp", 1, null,
        name, 1, 1, "A", 0, "NOERROR", false, false, true, true, 0, List.of(address),
        List.of(300L), List.of(1), false, true);
  }

  private final FindingCollector sink = new FindingCollector();
  private final Counters counters = new Counters();
  private final DnsRelationships tracking =
      DnsRelationships.open("edge", TrackConfig.defaults(), counters, sink, null);

  @Test
  void nameThatStopsBeingAnsweredIsSeveredWithNoResponse() {
    for (int day = 0; day < 4; day++) {
      for (int i = 0; i < 10; i++) {
        tracking.onTransaction(answered(T0 + day * 24 * HOUR + i * HOUR, "192.0.2.1",
            "api.vanishing.example", "198.51.100.7"));
      }
    }
    long later = T0 + 5 * 24 * HOUR;
    for (int i = 0; i < 3; i++) {
      tracking.onTransaction(unanswered(later + i * 60_000_000L, "192.0.2.9",
          "api.vanishing.example"));
    }
    Finding f = sink.get("dns.link-severed", "api.vanishing.example");
    assertThat(f.evidence().get("failure")).isEqualTo("no-response");
    assertThat(f.count()).isEqualTo(3);
    assertThat(f.summary()).contains("no response");
  }

  @Test
  void mixedCaseLookupsCountAsOneName() {
    tracking.onTransaction(answered(T0, "192.0.2.1", "WWW.Example.COM", "198.51.100.1"));
    tracking.onTransaction(answered(T0 + 1, "192.0.2.1", "www.example.com", "198.51.100.1"));
    assertThat(tracking.state().name("www.example.com").queries()).isEqualTo(2);
    assertThat(tracking.state().sizes().names()).isEqualTo(1);
  }

  @Test
  void loneResponsesUpdateAnswersButAreNotLookups() {
    tracking.onTransaction(answered(T0, "192.0.2.1", "a.example", "198.51.100.1"));
    tracking.onTransaction(loneResponse(T0 + 10, "192.0.2.1", "a.example", "198.51.100.2"));
    tracking.onTransaction(loneResponse(T0 + 20, "192.0.2.1", "never-asked.example", "1.2.3.4"));
    assertThat(tracking.state().name("a.example").queries()).isEqualTo(1);
    assertThat(tracking.state().name("a.example").outcomes().addresses().size()).isEqualTo(2);
    assertThat(tracking.state().name("never-asked.example")).isNull();
  }

  @Test
  void transactionsWithoutANameAreIgnoredAndCounted() {
    tracking.onTransaction(new DnsTransaction(T0, IpAddress.parse("192.0.2.1"), 1, SERVER, 53,
        "udp", 1, null, null, null, null, null, 0, "NOERROR", false, false, false, true, 0,
        List.of(), List.of(), List.of(), false, true));
    assertThat(counters.get("track.ignored")).isEqualTo(1);
    assertThat(tracking.state().sizes().names()).isZero();
  }

  @Test
  void renameSharedOnlyByTheOrganisationIsReportedAsSuch() {
    // 203.0.113.10 asks the old name for two days; it then goes quiet
    for (int i = 0; i < 40; i++) {
      tracking.onTransaction(answered(T0 + i * HOUR, "203.0.113.10", "old.host.example",
          "198.51.100.77"));
    }
    // three days later a colleague in the same /24 asks a new name on the same address first
    long t = T0 + 5 * 24 * HOUR;
    tracking.onTransaction(answered(t, "203.0.113.99", "new.host.example", "198.51.100.77"));
    Finding f = sink.get("dns.renamed-host", "new.host.example");
    assertThat(f.evidence().get("shared_by")).isEqualTo("organisation");
    assertThat(f.evidence().get("first_querier_organisation")).isEqualTo("203.0.113.0/24");
    assertThat(f.evidence().get("earlier_name")).isEqualTo("old.host.example");
    assertThat(f.severity()).isEqualTo("medium");
  }

  @Test
  void secondNameServedAlongsideTheFirstIsNoRename() {
    for (int i = 0; i < 60; i++) {
      tracking.onTransaction(answered(T0 + i * HOUR, "203.0.113.10", "www.shop.example",
          "198.51.100.78"));
    }
    // the old name still resolves an hour ago: an alias, not a rename
    tracking.onTransaction(answered(T0 + 60 * HOUR, "203.0.113.10", "shop.example",
        "198.51.100.78"));
    assertThat(sink.kindsAndSubjects()).noneMatch(s -> s.startsWith("dns.renamed-host"));
  }

  @Test
  void findingsBeyondTheHourlyLimitWaitAndAreCounted() {
    TrackConfig tight = new TrackConfig(128, 24, 48, Duration.ofHours(1), Duration.ofHours(1),
        2, 50, 5, 3, 0.9, 0.8, 20, 3, 3, Duration.ofDays(1), Duration.ofDays(1), 4, 24, 0.8, 0.1,
        Duration.ofSeconds(10), 24, 0.85);
    FindingCollector limited = new FindingCollector();
    Counters c = new Counters();
    DnsRelationships t = DnsRelationships.open("edge", tight, c, limited, null);
    java.util.SplittableRandom r = new java.util.SplittableRandom(9);
    for (int day = 0; day < 4; day++) {
      // irregular times within each day, so that no name looks polled
      long[] times = r.longs(30, 0, 20 * HOUR).sorted().toArray();
      for (int i = 0; i < times.length; i++) {
        int n = i % 5;
        t.onTransaction(answered(T0 + day * 24 * HOUR + times[i], "192.0.2.1",
            "svc" + n + ".example", "198.51.100." + (10 + n)));
      }
    }
    long later = T0 + 5 * 24 * HOUR;
    for (int n = 0; n < 5; n++) {
      for (int i = 0; i < 3; i++) {
        t.onTransaction(unanswered(later + i * 1000 + n * 10, "192.0.2.1", "svc" + n + ".example"));
      }
    }
    assertThat(limited.latest).hasSize(2);
    assertThat(c.get("track.findings.rate_limited")).isPositive();
    // the next hour's sweep lets the next ones through
    t.onTick(later + 2 * HOUR);
    assertThat(limited.latest).hasSize(4);
    t.onEnd(later + 4 * HOUR);
    assertThat(limited.latest).hasSize(5);
  }
}
