package io.peerscope.agent.synth.story;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.capture.FrameHandler;
import io.peerscope.agent.capture.LinkType;
import io.peerscope.agent.capture.PcapFileSource;
import io.peerscope.agent.metrics.Counters;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoryFrameSourceTest {
  @TempDir Path dir;

  /** A digest of every frame's link type, time, lengths and bytes, in order; checks time order. */
  private static final class Digest implements FrameHandler {
    final MessageDigest sha;
    long frames;
    long lastTs;
    long backwards;

    Digest() throws NoSuchAlgorithmException {
      sha = MessageDigest.getInstance("SHA-256");
    }

    @Override
    public void onFrame(int linkType, long ts, byte[] buf, int off, int capLen, int wireLen) {
      if (ts < lastTs) {
        backwards++;
      }
      lastTs = ts;
      frames++;
      sha.update(new byte[] {(byte) linkType, (byte) (capLen >>> 8), (byte) capLen,
          (byte) (wireLen >>> 8), (byte) wireLen});
      for (int i = 0; i < 8; i++) {
        sha.update((byte) (ts >>> (8 * i)));
      }
      sha.update(buf, off, capLen);
    }

    String hex() {
      return HexFormat.of().formatHex(sha.digest());
    }
  }

  @Test
  void generatedFramesAreTheFramesOfTheCaptureFile() throws Exception {
    StoryPlan plan = StoryPlan.small().withFlood(50_000);
    Path pcap = dir.resolve("story-flood.pcap");
    long written = StoryCapture.write(plan, pcap);
    Digest fromFile = new Digest();
    Counters fileCounters = new Counters();
    try (PcapFileSource file = PcapFileSource.open(pcap, fileCounters)) {
      file.run(fromFile);
    }

    Counters counters = new Counters();
    Digest generated = new Digest();
    try (StoryFrameSource source = new StoryFrameSource(plan, counters)) {
      source.run(generated);
      assertThat(source.stats().received()).isEqualTo(written);
    }

    assertThat(generated.frames).isEqualTo(written).isGreaterThan(100_000);
    assertThat(generated.hex()).isEqualTo(fromFile.hex());
    assertThat(generated.backwards).isZero();
    assertThat(counters.get("capture.frames")).isEqualTo(written);
    assertThat(counters.get("capture.bytes")).isEqualTo(fileCounters.get("capture.bytes"));
  }

  @Test
  void stopEndsTheReplayAfterTheCurrentFrame() throws IOException {
    Counters counters = new Counters();
    long[] seen = new long[1];
    try (StoryFrameSource source = new StoryFrameSource(StoryPlan.small(), counters)) {
      source.run((linkType, ts, buf, off, capLen, wireLen) -> {
        assertThat(linkType).isEqualTo(LinkType.ETHERNET);
        if (++seen[0] == 1000) {
          source.stop();
        }
      });
      assertThat(source.stats().received()).isEqualTo(1000);
    }
    assertThat(seen[0]).isEqualTo(1000);
    assertThat(counters.get("capture.frames")).isEqualTo(1000);
  }
}
