package io.peerscope.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.metrics.Counters;
import io.peerscope.agent.synth.story.StoryPlan;
import io.peerscope.agent.synth.story.StoryScript;
import io.peerscope.agent.synth.story.StoryTransactions;
import io.peerscope.agent.track.TrackConfig;
import io.peerscope.agent.track.TrackerState;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The story replayed in two parts with a restart between them (state saved at the end of the
 * first part, loaded before the second) gives the same findings as one replay; a damaged state
 * file means an empty start, counted, never a crash.
 */
class SplitReplayTest {
  /** Day 16, 12:00 UTC: after the removal, before the rename; every planted finding spans it. */
  static final long SPLIT =
      Instant.parse("2016-05-18T12:00:00Z").getEpochSecond() * 1_000_000L;

  @TempDir Path stateDir;

  @Test
  void restartBetweenTwoHalvesLosesNothing() throws IOException {
    FindingCollector whole = StoryFindingsTest.run(StoryPlan.full(), TrackConfig.defaults());

    FindingCollector sink = new FindingCollector();
    Counters counters = new Counters();
    DnsRelationships first =
        DnsRelationships.open("story", TrackConfig.defaults(), counters, sink, stateDir);
    DnsRelationships[] current = {first};
    boolean[] restarted = {false};
    long[] lastTs = {0};
    new StoryScript(StoryPlan.full()).play(l -> {
      if (!restarted[0] && l.tsMicros() >= SPLIT) {
        try {
          current[0].onEnd(lastTs[0]);
          current[0].save();
        } catch (IOException e) {
          throw new AssertionError(e);
        }
        current[0] = DnsRelationships.open("story", TrackConfig.defaults(), counters, sink,
            stateDir);
        restarted[0] = true;
      }
      lastTs[0] = l.tsMicros();
      current[0].onTransaction(StoryTransactions.of(l));
    });
    current[0].onEnd(lastTs[0]);

    assertThat(restarted[0]).isTrue();
    assertThat(counters.get("track.state.loaded")).isEqualTo(1);
    assertThat(sink.kindsAndSubjects()).isEqualTo(StoryFindingsTest.expected());
    assertThat(sink.latest).isEqualTo(whole.latest);
  }

  @Test
  void damagedStateFileStartsEmptyAndIsCounted() throws IOException {
    Counters counters = new Counters();
    DnsRelationships t =
        DnsRelationships.open("s", TrackConfig.defaults(), counters, f -> {}, stateDir);
    StoryTransactions.play(StoryPlan.small(), t);
    t.save();
    Path file = stateDir.resolve(TrackerState.FILE_NAME);
    byte[] bytes = Files.readAllBytes(file);
    assertThat(bytes.length).isGreaterThan(1000);

    // cut in the middle
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    DnsRelationships cut =
        DnsRelationships.open("s", TrackConfig.defaults(), counters, f -> {}, stateDir);
    assertThat(cut.state().sizes().names()).isZero();
    assertThat(counters.get("track.state.load_errors")).isEqualTo(1);

    // one flipped byte inside the compressed body
    byte[] flipped = bytes.clone();
    flipped[bytes.length / 3] ^= 0x5a;
    Files.write(file, flipped);
    DnsRelationships bad =
        DnsRelationships.open("s", TrackConfig.defaults(), counters, f -> {}, stateDir);
    assertThat(bad.state().sizes().names()).isZero();
    assertThat(counters.get("track.state.load_errors")).isEqualTo(2);

    // not a state file at all
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write("this is not tracking state".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    DnsRelationships junk =
        DnsRelationships.open("s", TrackConfig.defaults(), counters, f -> {}, stateDir);
    assertThat(junk.state().sizes().names()).isZero();
    assertThat(counters.get("track.state.load_errors")).isEqualTo(3);

    // and the intact file loads with the same tables
    Files.write(file, bytes);
    DnsRelationships good =
        DnsRelationships.open("s", TrackConfig.defaults(), counters, f -> {}, stateDir);
    // the same tables; the spare parts a live tracker pools for its next records are not saved
    assertThat(good.state().sizes()).usingRecursiveComparison().ignoringFields("estimatedBytes")
        .isEqualTo(t.state().sizes());
    assertThat(good.state().sizes().estimatedBytes()).isPositive()
        .isLessThanOrEqualTo(t.state().sizes().estimatedBytes());
    assertThat(counters.get("track.state.load_errors")).isEqualTo(3);
  }

  @Test
  void missingStateDirectoryIsAnEmptyStartWithoutError() {
    Counters counters = new Counters();
    DnsRelationships t = DnsRelationships.open("s", TrackConfig.defaults(), counters, f -> {},
        stateDir.resolve("never-created"));
    assertThat(t.state().sizes().names()).isZero();
    assertThat(counters.get("track.state.load_errors")).isZero();
  }
}
