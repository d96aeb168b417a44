package io.peerscope.app.bench;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints one workload's results as a fixed-width table (stable: scripts may read it) followed by
 * the ratios of peerscope to each other contender, and builds the JSON of CONTRACT.md. The
 * JSON's allocation is the steady state's, from the row whose tables are at their bound; the
 * row at the default budget, tables still growing, gives its own beside it.
 *
 * <pre>
 * workload dns: 2,000,000 packets
 * contender           packets/s    ns/packet   alloc B/packet   peak heap MB   live heap MB  note
 * peerscope             3000000        333.3              0.0           80.0           20.0  ...
 * peerscope-full        2900000        344.8              0.0           40.0           18.0  ...
 * ratio peerscope/tshark        65.00x
 * </pre>
 */
final class BenchTable {
  static final String PEERSCOPE = PeerscopeReplay.OWN_READER;
  private static final String ROW = "%-14s %14s %12s %16s %14s %14s  %s%n";

  private BenchTable() {}

  static void print(PrintStream out, String workload, long packets, List<RunResult> results) {
    out.printf(Locale.ROOT, "%nworkload %s: %,d packets%n", workload, packets);
    out.printf(
        Locale.ROOT, ROW, "contender", "packets/s", "ns/packet", "alloc B/packet", "peak heap MB", "live heap MB", "note");
    for (RunResult r : results) {
      if (!r.available()) {
        out.printf(Locale.ROOT, ROW, r.contender(), "-", "-", "-", "-", "-", r.note());
        continue;
      }
      out.printf(
          Locale.ROOT,
          ROW,
          r.contender(),
          String.format(Locale.ROOT, "%.0f", r.packetsPerSecond()),
          String.format(Locale.ROOT, "%.1f", r.nanosPerPacket()),
          oneDecimal(r.allocBytesPerPacket()),
          oneDecimal(r.peakHeapMb()),
          oneDecimal(r.liveHeapMb()),
          r.note());
    }
    RunResult ours = find(results, PEERSCOPE);
    if (ours != null && ours.available()) {
      for (RunResult r : results) {
        // the same pipeline under another tracking budget is not a contender to compare with
        if (r != ours && r.available() && !r.contender().equals(PeerscopeReplay.TABLES_FULL)) {
          out.printf(
              Locale.ROOT,
              "ratio peerscope/%-12s %8.2fx%n",
              r.contender(),
              ours.packetsPerSecond() / r.packetsPerSecond());
        }
      }
    }
    RunResult fed = find(results, PeerscopeReplay.PCAP4J_FED);
    RunResult empty = find(results, Pcap4jRawReader.NAME);
    if (fed != null && fed.available() && empty != null && empty.available()) {
      out.printf(
          Locale.ROOT,
          "ratio %s/%-10s %8.2fx  (pipeline behind pcap4j's loop against the same loop with an empty listener)%n",
          fed.contender(),
          empty.contender(),
          fed.packetsPerSecond() / empty.packetsPerSecond());
    }
  }

  static Map<String, Object> json(long packets, List<RunResult> results) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("packets", packets);
    m.put("peerscope_pps", pps(results, PEERSCOPE));
    m.put("pcap4j_read_pps", pps(results, Pcap4jRawReader.NAME));
    m.put("naive_pps", pps(results, NaiveBaseline.NAME));
    m.put("tshark_pps", pps(results, "tshark"));
    m.put("c_read_pps", pps(results, "tcpdump"));
    RunResult ours = find(results, PEERSCOPE);
    RunResult full = find(results, PeerscopeReplay.TABLES_FULL);
    m.put("alloc_bytes_per_packet", full == null ? null : full.allocBytesPerPacket());
    m.put("peak_heap_mb", ours == null ? null : ours.peakHeapMb());
    m.put("live_heap_mb", ours == null ? null : ours.liveHeapMb());
    m.put("pcap4j_pipeline_pps", pps(results, PeerscopeReplay.PCAP4J_FED));
    m.put("alloc_bytes_per_packet_tables_growing", ours == null ? null : ours.allocBytesPerPacket());
    return m;
  }

  private static String oneDecimal(Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.1f", v);
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
