package io.peerscope.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.dns.DnsLimits;
import io.peerscope.agent.dns.DnsReplay;
import io.peerscope.agent.dns.DnsTransaction;
import io.peerscope.agent.metrics.Counters;
import io.peerscope.agent.synth.PcapWriter;
import io.peerscope.agent.synth.story.StoryCapture;
import io.peerscope.agent.synth.story.StoryCast;
import io.peerscope.agent.synth.story.StoryPlan;
import io.peerscope.agent.track.TrackConfig;
import io.peerscope.wire.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The story as a capture file, replayed through the project's reader, frame decoder and DNS
 * transaction layer into the tracker: the planted findings, nothing for the controls, the same
 * result twice, and the same result when split in two files with a restart in between.
 */
class StoryCaptureReplayTest {
  @TempDir Path dir;

  private static long replay(Path pcap, DnsRelationships tracking, Counters counters)
      throws IOException {
    List<DnsTransaction> all =
        DnsReplay.replay(pcap, counters, DnsLimits.DEFAULTS, pending -> {}, tracking);
    long end = all.stream().mapToLong(DnsTransaction::tsMicros).max().orElse(0);
    tracking.onEnd(Math.max(end, tracking.state().nowMicros()));
    return all.size();
  }

  private FindingCollector replayWhole(StoryPlan plan, String file) throws IOException {
    Path pcap = dir.resolve(file);
    StoryCapture.write(plan, pcap);
    FindingCollector sink = new FindingCollector();
    Counters counters = new Counters();
    DnsRelationships tracking =
        DnsRelationships.open("story", TrackConfig.defaults(), counters, sink, null);
    long transactions = replay(pcap, tracking, counters);
    assertThat(transactions).isGreaterThan(10_000);
    assertThat(counters.get("dns.unanswered")).isZero();
    assertThat(counters.get("track.transactions")).isEqualTo(transactions);
    return sink;
  }

  @Test
  void threeWeekCaptureGivesThePlantedFindingsWithUtcPlusThree() throws IOException {
    FindingCollector sink = replayWhole(StoryPlan.full(), "story.pcap");

    assertThat(sink.kindsAndSubjects()).isEqualTo(StoryFindingsTest.expected());
    Finding exclusive = sink.get("dns.exclusive-peer", StoryCast.MAIL_HOST);
    @SuppressWarnings("unchecked")
    Map<String, Object> rhythm = (Map<String, Object>) exclusive.evidence().get("rhythm");
    assertThat(rhythm.get("utc_offset")).isEqualTo("+03:00");
    assertThat(sink.get("dns.renamed-host", StoryCast.NEW_NAME).evidence().get("first_querier"))
        .isEqualTo(StoryCast.BANK_RESOLVER_2.toString());
    for (Finding f : sink.latest.values()) {
      assertThat(StoryCast.CONTROL_NAMES).doesNotContain(f.subject());
    }
  }

  @Test
  void sameCaptureTwiceGivesSameBytesAndSameFindings() throws IOException {
    FindingCollector a = replayWhole(StoryPlan.small(), "a.pcap");
    FindingCollector b = replayWhole(StoryPlan.small(), "b.pcap");

    assertThat(Files.readAllBytes(dir.resolve("b.pcap")))
        .isEqualTo(Files.readAllBytes(dir.resolve("a.pcap")));
    assertThat(b.sent).isEqualTo(a.sent);
    assertThat(a.kindsAndSubjects()).isEqualTo(StoryFindingsTest.expected());
  }

  @Test
  void captureSplitInTwoFilesWithRestartLosesNoFinding() throws IOException {
    FindingCollector whole = replayWhole(StoryPlan.full(), "whole.pcap");

    Path first = dir.resolve("part1.pcap");
    Path second = dir.resolve("part2.pcap");
    try (PcapWriter w1 = PcapWriter.create(first); PcapWriter w2 = PcapWriter.create(second)) {
      StoryCapture.writeSplit(StoryPlan.full(), SplitReplayTest.SPLIT, w1, w2);
    }
    Path state = dir.resolve("state");
    FindingCollector sink = new FindingCollector();
    Counters counters = new Counters();
    DnsRelationships before =
        DnsRelationships.open("story", TrackConfig.defaults(), counters, sink, state);
    replay(first, before, counters);
    before.save();
    assertThat(sink.kindsAndSubjects()).doesNotContain("dns.renamed-host " + StoryCast.NEW_NAME);

    DnsRelationships after =
        DnsRelationships.open("story", TrackConfig.defaults(), counters, sink, state);
    assertThat(counters.get("track.state.loaded")).isEqualTo(1);
    replay(second, after, counters);

    assertThat(sink.kindsAndSubjects()).isEqualTo(StoryFindingsTest.expected());
    assertThat(sink.latest).isEqualTo(whole.latest);
  }
}
