package io.peerscope.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.metrics.Counters;
import io.peerscope.agent.synth.story.StoryCast;
import io.peerscope.agent.synth.story.StoryPlan;
import io.peerscope.agent.synth.story.StoryTransactions;
import io.peerscope.agent.track.TrackConfig;
import io.peerscope.wire.Finding;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The planted story of issue 4 at tracker level: exactly the expected findings, no others. */
class StoryFindingsTest {

  static TreeSet<String> expected() {
    TreeSet<String> out = new TreeSet<>();
    StoryCast.EXPECTED_FINDINGS.forEach(k -> out.add(k.get(0) + " " + k.get(1)));
    return out;
  }

  private static FindingCollector fullStory;

  /** The full story is replayed once for the tests that only read its findings. */
  private static synchronized FindingCollector fullStory() {
    if (fullStory == null) {
      fullStory = run(StoryPlan.full(), TrackConfig.defaults());
    }
    return fullStory;
  }

  static FindingCollector run(StoryPlan plan, TrackConfig config) {
    FindingCollector sink = new FindingCollector();
    DnsRelationships tracking =
        DnsRelationships.open("story", config, new Counters(), sink, null);
    StoryTransactions.play(plan, tracking);
    tracking.onEnd(tracking.state().nowMicros());
    return sink;
  }

  @Test
  void threeWeekStoryGivesExactlyThePlantedFindings() {
    FindingCollector sink = fullStory();

    assertThat(sink.kindsAndSubjects()).isEqualTo(expected());
    for (Finding f : sink.latest.values()) {
      for (String control : StoryCast.CONTROL_NAMES) {
        assertThat(f.subject()).isNotEqualTo(control);
      }
    }
  }

  @Test
  void exclusivePeerShowsTheBankInOfficeHoursOfUtcPlusThree() {
    FindingCollector sink = fullStory();
    Finding f = sink.get("dns.exclusive-peer", StoryCast.MAIL_HOST);
    Map<String, Object> ev = f.evidence();

    @SuppressWarnings("unchecked")
    Map<String, Object> rhythm = (Map<String, Object>) ev.get("rhythm");
    assertThat(rhythm.get("class")).isEqualTo("office-hours");
    assertThat(rhythm.get("utc_offset")).isEqualTo("+03:00");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> orgs = (List<Map<String, Object>>) ev.get("organisations");
    assertThat(orgs.get(0).get("organisation")).isEqualTo(StoryCast.BANK_ORGANISATION);
    assertThat((double) ev.get("top_organisation_share")).isGreaterThan(0.95);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> top = (List<Map<String, Object>>) ev.get("top_clients");
    assertThat(top.subList(0, 2)).extracting(m -> m.get("client"))
        .containsExactlyInAnyOrder(StoryCast.BANK_RESOLVER_1.toString(),
            StoryCast.BANK_RESOLVER_2.toString());
    assertThat(ev.get("distinct_clients")).isEqualTo(4L);
    assertThat((long) ev.get("days_active")).isGreaterThanOrEqualTo(10);
    assertThat(ev.get("query_types")).isEqualTo(Map.of("a", ((Map<?, ?>) ev.get("query_types"))
        .get("a"), "aaaa", ((Map<?, ?>) ev.get("query_types")).get("aaaa")));
    assertThat(f.severity()).isEqualTo("medium");
    assertThat(f.summary()).contains("UTC+03:00").contains(StoryCast.BANK_ORGANISATION);
  }

  @Test
  void severedLinkShowsLastGoodAnswerFirstFailureAndWhoKeptAsking() {
    FindingCollector sink = fullStory();
    Finding f = sink.get("dns.link-severed", StoryCast.MAIL_HOST);
    Map<String, Object> ev = f.evidence();

    assertThat(ev.get("failure")).isEqualTo("NXDOMAIN");
    assertThat((String) ev.get("first_failure")).startsWith("2016-05-16T");
    @SuppressWarnings("unchecked")
    Map<String, Object> lastGood = (Map<String, Object>) ev.get("last_good_answer");
    assertThat((String) lastGood.get("ts")).startsWith("2016-05-13T");
    assertThat(lastGood.get("addresses")).isEqualTo(List.of(StoryCast.MAIL_ADDRESS));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> asking = (List<Map<String, Object>>) ev.get("kept_asking");
    assertThat(asking).extracting(m -> m.get("client"))
        .containsExactlyInAnyOrder(StoryCast.BANK_RESOLVER_1.toString(),
            StoryCast.BANK_RESOLVER_2.toString());
    assertThat(ev.get("was_exclusive_peer")).isEqualTo(true);
  }

  @Test
  void renamedHostLinksTheNewNameToTheOldOneThroughTheBankResolver() {
    FindingCollector sink = fullStory();
    Finding f = sink.get("dns.renamed-host", StoryCast.NEW_NAME);
    Map<String, Object> ev = f.evidence();

    assertThat(ev.get("earlier_name")).isEqualTo(StoryCast.MAIL_HOST);
    assertThat(ev.get("address")).isEqualTo(StoryCast.MAIL_ADDRESS);
    assertThat(ev.get("first_querier")).isEqualTo(StoryCast.BANK_RESOLVER_2.toString());
    assertThat(ev.get("shared_by")).isEqualTo("client");
    assertThat(ev.get("new_first_seen")).isEqualTo("2016-05-20T07:12:33Z");
    assertThat((long) ev.get("gap_seconds")).isGreaterThan(4 * 86_400L);
    // four days after the removal on Monday 2016-05-16
    assertThat((String) ev.get("earlier_failing_since")).startsWith("2016-05-16T");
    assertThat((String) ev.get("gap_since_failing")).startsWith("4d ");
    assertThat(f.summary()).contains("4d ").contains("stopped resolving");
    assertThat(f.severity()).isEqualTo("high");
  }

  @Test
  void pollingBotIsBeaconingWithItsPeriod() {
    FindingCollector sink = fullStory();
    Finding f = sink.get("dns.beaconing", StoryCast.POLLED_NAME);
    Map<String, Object> ev = f.evidence();

    assertThat((double) ev.get("period_seconds")).isBetween(297.0, 303.0);
    assertThat((double) ev.get("jitter_seconds")).isLessThan(5.0);
    assertThat((double) ev.get("score")).isGreaterThan(0.9);
    assertThat((long) ev.get("count")).isGreaterThan(6000);
  }

  @Test
  void smallPlanTellsTheSameStory() {
    FindingCollector sink = run(StoryPlan.small(), TrackConfig.defaults());
    assertThat(sink.kindsAndSubjects()).isEqualTo(expected());
  }

  @Test
  void sameStoryTwiceGivesTheSameFindings() {
    FindingCollector a = fullStory();
    FindingCollector b = run(StoryPlan.full(), TrackConfig.defaults());
    assertThat(b.sent).isEqualTo(a.sent);
  }
}
