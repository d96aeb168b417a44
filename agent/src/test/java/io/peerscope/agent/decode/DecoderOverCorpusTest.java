package io.peerscope.agent.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.peerscope.agent.capture.PcapFileSource;
import io.peerscope.agent.metrics.Counters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Decodes every frame of Zeek's DNS and SMTP traces (corrupt ones included): nothing throws,
 * every frame is either decoded or counted under a reason, and nearly all of them decode.
 */
class DecoderOverCorpusTest {
  @Test
  void everyCorpusFrameIsDecodedOrCounted() throws Exception {
    String corpus = System.getProperty("peerscope.corpus");
    if (corpus == null || !Files.isDirectory(Path.of(corpus, "zeek"))) {
      fail("the conformance corpus is missing: expected ../shared/corpus/zeek beside the project root"
          + " (system property peerscope.corpus = " + corpus + ")");
    }
    List<Path> files;
    try (Stream<Path> s = Files.walk(Path.of(corpus, "zeek"))) {
      files = s.filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng")).sorted().toList();
    }
    Counters counters = new Counters();
    PacketDecoder decoder = new PacketDecoder(counters);
    Packet p = new Packet();
    long[] tally = new long[2];
    for (Path file : files) {
      try (PcapFileSource src = PcapFileSource.open(file, counters)) {
        src.run((lt, ts, buf, off, cap, wire) -> {
          decoder.onTick(ts);
          if (decoder.decode(lt, ts, buf, off, cap, p)) {
            tally[0]++;
            assertThat(p.payloadOffset + p.payloadLength).isLessThanOrEqualTo(p.buf.length);
            assertThat(p.protocol == Packet.UDP || p.protocol == Packet.TCP).isTrue();
          } else {
            tally[1]++;
          }
        });
      }
    }
    decoder.onEnd(Long.MAX_VALUE);
    long rejected = counters.snapshot().entrySet().stream()
        .filter(e -> e.getKey().startsWith("decode.") && isRejection(e.getKey()))
        .mapToLong(Map.Entry::getValue).sum();
    long fragmentsWaiting = counters.get("decode.fragments") - counters.get("decode.fragments_reassembled");
    assertThat(tally[0] + tally[1]).isEqualTo(counters.get("capture.frames"));
    assertThat(rejected + fragmentsWaiting).as("every undecoded frame has a reason: %s", counters.snapshot())
        .isGreaterThanOrEqualTo(tally[1]);
    assertThat(tally[0]).as("decoded frames, %s", counters.snapshot()).isGreaterThan(tally[1] * 10);
  }

  private static boolean isRejection(String name) {
    return !name.startsWith("decode.fragment");
  }
}
