package io.peerscope.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchTableTest {
  private static final List<RunResult> ONE_SECOND_EACH_BUT_TSHARK_MISSING =
      List.of(
          new RunResult("peerscope", 3_000_000, 1.0, 30.5, 80.0, 20.0, "agent pipeline"),
          new RunResult("peerscope-full", 2_900_000, 1.0, 2.5, 40.0, 18.0, "tables at their bound"),
          new RunResult("pcap4j-pipe", 1_500_000, 1.0, 300.0, 90.0, 21.0, "behind pcap4j"),
          new RunResult("pcap4j-read", 1_600_000, 1.0, 280.0, 30.0, 10.0, "empty listener"),
          new RunResult("naive", 100_000, 1.0, 3600.0, 150.0, 19.0, "factory + dnsjava"),
          RunResult.unavailable("tshark", "tshark is not installed"),
          new RunResult("tcpdump", 8_000_000, 1.0, null, null, null, "libpcap in C"));

  @Test
  void tablePrintsEveryContenderAndPeerscopesRatios() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BenchTable.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), "dns", 3_000_000, ONE_SECOND_EACH_BUT_TSHARK_MISSING);
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();

    assertThat(lines).contains("workload dns: 3,000,000 packets");
    assertThat(lines).anyMatch(l -> l.matches("contender\\s+packets/s\\s+ns/packet\\s+alloc B/packet\\s+peak heap MB\\s+live heap MB\\s+note"));
    assertThat(lines).anyMatch(l -> l.matches("peerscope\\s+3000000\\s+333\\.3\\s+30\\.5\\s+80\\.0\\s+20\\.0\\s+agent pipeline"));
    assertThat(lines).anyMatch(l -> l.matches("peerscope-full\\s+2900000\\s+344\\.8\\s+2\\.5\\s+40\\.0\\s+18\\.0\\s+tables at their bound"));
    // the same pipeline under another budget is not compared with as a contender
    assertThat(lines).noneMatch(l -> l.startsWith("ratio peerscope/peerscope-full"));
    assertThat(lines).anyMatch(l -> l.matches("tshark\\s+-\\s+-\\s+-\\s+-\\s+-\\s+tshark is not installed"));
    assertThat(lines).anyMatch(l -> l.matches("tcpdump\\s+8000000\\s+125\\.0\\s+-\\s+-\\s+-\\s+libpcap in C"));
    assertThat(lines).anyMatch(l -> l.matches("ratio peerscope/naive\\s+30\\.00x"));
    assertThat(lines).anyMatch(l -> l.matches("ratio peerscope/tcpdump\\s+0\\.38x"));
    assertThat(lines).noneMatch(l -> l.startsWith("ratio peerscope/tshark"));
    assertThat(lines).anyMatch(l -> l.startsWith("ratio pcap4j-pipe/pcap4j-read") && l.contains("0.94x"));
  }

  @Test
  void jsonHasTheContractsKeysWithNullForWhatWasNotMeasured() {
    Map<String, Object> m = BenchTable.json(3_000_000, ONE_SECOND_EACH_BUT_TSHARK_MISSING);
    assertThat(m).containsEntry("packets", 3_000_000L)
        .containsEntry("peerscope_pps", 3_000_000.0)
        .containsEntry("pcap4j_read_pps", 1_600_000.0)
        .containsEntry("naive_pps", 100_000.0)
        .containsEntry("tshark_pps", null)
        .containsEntry("c_read_pps", 8_000_000.0)
        // the steady state's allocation, tables at their bound; while they grow, beside it
        .containsEntry("alloc_bytes_per_packet", 2.5)
        .containsEntry("alloc_bytes_per_packet_tables_growing", 30.5)
        .containsEntry("peak_heap_mb", 80.0);
    assertThat(m.keySet()).startsWith("packets", "peerscope_pps", "pcap4j_read_pps", "naive_pps", "tshark_pps", "c_read_pps", "alloc_bytes_per_packet", "peak_heap_mb");
  }
}
