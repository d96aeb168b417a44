package io.peerscope.app.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The throughput benchmark: for each workload, generated once and reused, every contender reads
 * the same file and one table is printed per workload. The JVM contenders run each in a fresh
 * JVM, one after the other, never in parallel, and read the file {@value
 * BenchWorker#WARM_UP_READS} times before the read that is measured, once the JIT compiled their
 * hot path. Progress goes to {@code progress}, tables to {@code out}.
 */
public final class Bench {
  /** Contenders run in a JVM of their own, in this order. */
  static final List<String> JVM_CONTENDERS =
      List.of(PeerscopeReplay.OWN_READER, PeerscopeReplay.TABLES_FULL, PeerscopeReplay.PCAP4J_FED,
          Pcap4jRawReader.NAME, NaiveBaseline.NAME);

  private final Path dir;
  private final long packets;
  private final List<String> workloads;
  private final PrintStream out;
  private final PrintStream progress;

  public Bench(Path dir, long packets, List<String> workloads, PrintStream out, PrintStream progress) {
    this.dir = dir;
    this.packets = packets;
    this.workloads = List.copyOf(workloads);
    this.out = out;
    this.progress = progress;
  }

  /** Runs every workload; returns the JSON object of CONTRACT.md's {@code bench --json} line. */
  public Map<String, Object> run() throws IOException {
    Map<String, Object> byWorkload = new LinkedHashMap<>();
    for (String w : workloads) {
      Path file = Workloads.ensure(dir, w, packets, progress);
      List<RunResult> results = new ArrayList<>();
      for (String c : JVM_CONTENDERS) {
        results.add(report(w, WorkerJvm.run(c, file, packets)));
      }
      // the frames peerscope counted in the file, for the programs that do not say
      long frames = results.get(0).available() ? results.get(0).packets() : packets;
      results.add(report(w, ExternalReader.tshark(file, frames)));
      results.add(report(w, ExternalReader.tcpdump(file, frames)));
      BenchTable.print(out, w, frames, results);
      out.flush();
      byWorkload.put(w, BenchTable.json(frames, results));
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("workloads", byWorkload);
    return json;
  }

  static String toJson(Map<String, Object> json) throws IOException {
    return new ObjectMapper().writeValueAsString(json);
  }

  private RunResult report(String workload, RunResult r) {
    progress.printf(
        "bench %s: %-12s %s%n",
        workload,
        r.contender(),
        r.available() ? String.format(java.util.Locale.ROOT, "%.0f packets/s", r.packetsPerSecond()) : r.note());
    return r;
  }
}
