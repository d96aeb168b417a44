package io.peerscope.app.bench;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints one workload's results as a fixed-width table (stable: scripts may read it) followed by
 * the ratios of peerscope to each other contender, and builds the JSON of CONTRACT.md.
 */
final class BenchTable {
  static final String PEERSCOPE = "peerscope";

  private BenchTable() {}

  static void print(PrintStream out, String workload, long packets, List<RunResult> results) {
    out.printf(Locale.ROOT, "%nworkload %s: %,d packets%n", workload, packets);
    out.printf(
        Locale.ROOT,
        "%-12s %14s %12s %16s %14s  %s%n",
        "contender", "packets/s", "ns/packet", "alloc B/packet", "peak heap MB", "note");
    for (RunResult r : results) {
      if (!r.available()) {
        out.printf(Locale.ROOT, "%-12s %14s %12s %16s %14s  %s%n", r.contender(), "-", "-", "-", "-", r.note());
        continue;
      }
      out.printf(
          Locale.ROOT,
          "%-12s %14.0f %12.1f %16s %14s  %s%n",
          r.contender(),
          r.packetsPerSecond(),
          r.nanosPerPacket(),
          r.allocBytesPerPacket() == null ? "-" : String.format(Locale.ROOT, "%.1f", r.allocBytesPerPacket()),
          r.peakHeapMb() == null ? "-" : String.format(Locale.ROOT, "%.1f", r.peakHeapMb()),
          r.note());
    }
    RunResult ours = find(results, PEERSCOPE);
    if (ours != null && ours.available()) {
      for (RunResult r : results) {
        if (r != ours && r.available()) {
          out.printf(
              Locale.ROOT,
              "ratio peerscope/%-10s %8.2fx%n",
              r.contender(),
              ours.packetsPerSecond() / r.packetsPerSecond());
        }
      }
    }
  }

  static Map<String, Object> json(long packets, List<RunResult> results) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("packets", packets);
    m.put("peerscope_pps", pps(results, PEERSCOPE));
    m.put("pcap4j_read_pps", pps(results, "pcap4j-read"));
    m.put("naive_pps", pps(results, "naive"));
    m.put("tshark_pps", pps(results, "tshark"));
    m.put("c_read_pps", pps(results, "tcpdump"));
    RunResult ours = find(results, PEERSCOPE);
    m.put("alloc_bytes_per_packet", ours == null ? null : ours.allocBytesPerPacket());
    m.put("peak_heap_mb", ours == null ? null : ours.peakHeapMb());
    return m;
  }

  private static Double pps(List<RunResult> results, String name) {
    RunResult r = find(results, name);
    return r == null || !r.available() ? null : r.packetsPerSecond();
  }

  private static RunResult find(List<RunResult> results, String name) {
    for (RunResult r : results) {
      if (r.contender().equals(name)) {
        return r;
      }
    }
    return null;
  }
}
