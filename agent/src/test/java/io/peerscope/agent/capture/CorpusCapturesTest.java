package io.peerscope.agent.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.peerscope.agent.metrics.Counters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Reads every capture of the conformance corpus and checks it against libpcap, as tcpdump reads
 * it: the same number of frames and the same first timestamp.
 */
class CorpusCapturesTest {
  @Test
  void everyCorpusCaptureReadsLikeLibpcap() throws Exception {
    List<Path> captures = corpusCaptures();
    assertThat(captures).as("captures under the corpus").isNotEmpty();
    List<String> mismatches = new ArrayList<>();
    for (Path file : captures) {
      Counters counters = new Counters();
      long[] count = {0};
      long[] firstTs = {-1};
      try (PcapFileSource src = PcapFileSource.open(file, counters)) {
        src.run((lt, ts, buf, off, cap, wire) -> {
          if (count[0]++ == 0) {
            firstTs[0] = ts;
          }
        });
      }
      assertThat(count[0]).as("frames in %s", file).isPositive();
      long expected = tcpdumpCount(file);
      if (count[0] != expected) {
        mismatches.add(file + ": read " + count[0] + " frames, tcpdump " + expected);
      }
      String first = tcpdump(file, "-tt", "-n", "-c", "1").split(" ", 2)[0];
      long micros = Math.round(Double.parseDouble(first) * 1e6);
      if (Math.abs(micros - firstTs[0]) > 1) {
        mismatches.add(file + ": first timestamp " + firstTs[0] + " us, tcpdump " + first);
      }
    }
    assertThat(mismatches).as("disagreements with libpcap").isEmpty();
  }

  static List<Path> corpusCaptures() throws IOException {
    String corpus = System.getProperty("peerscope.corpus");
    if (corpus == null || !Files.isDirectory(Path.of(corpus, "zeek"))) {
      fail("the conformance corpus is missing: expected ../shared/corpus/zeek beside the project root"
          + " (system property peerscope.corpus = " + corpus + ")");
    }
    try (Stream<Path> files = Files.walk(Path.of(corpus, "zeek"))) {
      return files.filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng"))
          .sorted().toList();
    }
  }

  private static long tcpdumpCount(Path file) throws Exception {
    String out = tcpdump(file, "--count");
    // "N packets" (tcpdump 4.99 --count)
    return Long.parseLong(out.trim().split("\\s+")[0]);
  }

  private static String tcpdump(Path file, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("tcpdump", "-r", file.toString()));
    cmd.addAll(List.of(args));
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      throw new AssertionError("tcpdump is missing: install the Debian package tcpdump (bin/peerscope test does)", e);
    }
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("tcpdump did not finish on " + file);
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
