package io.peerscope.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peerscope.app.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark end to end on a small dns workload: every JVM contender runs in its own JVM and
 * reports back, the table has a row per contender and the JSON line has CONTRACT.md's shape. No
 * figure is asserted beyond "measured": speed is the benchmark's output, not a test's condition.
 */
class BenchRunTest {
  private static final long PACKETS = 6_000;

  @TempDir Path dir;

  @Test
  void everyContenderReadsTheWholeWorkloadAndTheJsonHasTheContractsShape() throws Exception {
    ByteArrayOutputStream table = new ByteArrayOutputStream();
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    Map<String, Object> result =
        new Bench(dir, PACKETS, List.of("dns"), utf8(table), utf8(progress)).run();

    String text = table.toString(StandardCharsets.UTF_8);
    for (String contender : Bench.JVM_CONTENDERS) {
      assertThat(text).as(text).containsPattern("(?m)^" + contender + "\\s+\\d+\\s+\\d+\\.\\d");
    }
    assertThat(text).containsPattern("(?m)^tshark ").containsPattern("(?m)^tcpdump ");
    assertThat(text).containsPattern("(?m)^peerscope .*3000 DNS transactions, \\d+ findings, 0 errors");
    // the steady state's row: the same pipeline under a budget it fills, its evictions in the note
    assertThat(text).containsPattern("(?m)^peerscope-full .*tables at their bound \\(track.budget_mb "
        + PeerscopeReplay.TABLES_FULL_BUDGET_MB + ": \\d+ names, \\d+ clients, \\d+ pairs evicted\\); "
        + "3000 DNS transactions");
    // each JVM contender is the median of three reads after its warm-up reads, all speeds in the note
    for (String contender : Bench.JVM_CONTENDERS) {
      assertThat(text).containsPattern("(?m)^" + contender
          + " .*; median of reads 3-5 \\(\\d+, \\d+, \\d+ packets/s\\) in its JVM \\(before, while compiling: \\d+, \\d+ packets/s\\)");
    }
    assertThat(text).containsPattern("(?m)^tcpdump .*; median of 3 runs \\(\\d+, \\d+, \\d+ packets/s\\)");
    // each stage's CPU per packet: the reader, and with a second core the tracker behind its ring
    String tracker = Runtime.getRuntime().availableProcessors() >= 2 ? ", peerscope-track \\d+ ns" : "";
    assertThat(text).containsPattern("(?m)^peerscope .*; CPU per packet: reader \\d+ ns" + tracker + "; GC pauses \\d+ ms");
    assertThat(text).containsPattern("(?m)^pcap4j-pipe .*; CPU per packet: pcap4j loop \\d+ ns");
    assertThat(text).containsPattern("(?m)^pcap4j-read .*; CPU per packet: pcap4j loop \\d+ ns; GC pauses \\d+ ms");
    assertThat(progress.toString(StandardCharsets.UTF_8)).contains("generating", "bench dns: peerscope");

    JsonNode json = new ObjectMapper().readTree(Bench.toJson(result));
    JsonNode dns = json.path("workloads").path("dns");
    assertThat(dns.path("packets").asLong()).isEqualTo(PACKETS);
    for (String key : List.of("peerscope_pps", "pcap4j_read_pps", "naive_pps", "peak_heap_mb")) {
      assertThat(dns.path(key).isNumber()).as(key + " in " + dns).isTrue();
      assertThat(dns.path(key).asDouble()).as(key).isPositive();
    }
    for (String key : List.of("tshark_pps", "c_read_pps", "alloc_bytes_per_packet",
        "alloc_bytes_per_packet_tables_growing")) {
      assertThat(dns.has(key)).as(key + " in " + dns).isTrue();
    }
  }

  @Test
  void anUnknownWorkloadIsABadUsage() {
    assertThat(Main.run("bench", "--workload", "dns,nope", "--dir", dir.toString())).isEqualTo(Main.USAGE);
  }

  @Test
  void helpNamesTheOptions() {
    PrintStream saved = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(utf8(out));
    try {
      assertThat(Main.run("bench", "--help")).isEqualTo(Main.OK);
    } finally {
      System.setOut(saved);
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("--quick", "--json", "--live", "--rate");
  }

  private static PrintStream utf8(ByteArrayOutputStream out) {
    return new PrintStream(out, true, StandardCharsets.UTF_8);
  }
}
