package io.peerscope.app.bench;

import io.peerscope.agent.Agent;
import io.peerscope.agent.AgentReport;
import io.peerscope.agent.capture.FrameHandoff;
import io.peerscope.agent.capture.FrameSource;
import io.peerscope.agent.capture.PcapFileSource;
import io.peerscope.agent.config.AgentConfig;
import io.peerscope.agent.config.AgentConfigLoader;
import io.peerscope.agent.dns.DnsTransactionHandoff;
import io.peerscope.agent.metrics.Counter;
import io.peerscope.agent.metrics.Counters;
import java.nio.file.Path;
import java.util.Locale;

/**
 * peerscope's contenders: the agent exactly as {@code peerscope agent --read} builds it (decode,
 * DNS, TCP reassembly, tracking, detectors, everything its configuration enables) with logs and
 * MQTT off, fed either by its own file reader or by pcap4j's {@code pcap_loop}.
 *
 * <p>A third contender reads with its own reader under a tracking budget the workloads fill
 * early ({@value #TABLES_FULL_BUDGET_MB} MiB): its allocation is the steady state's, tables at
 * their bound, where new entries reuse what they evict. At the default budget the tables are
 * still growing from empty at the end of a read of these workloads, so that run's allocation is
 * mostly new entries (and the table indexes doubling), not the hot path's.
 */
final class PeerscopeReplay {
  static final String OWN_READER = "peerscope";
  static final String PCAP4J_FED = "pcap4j-pipe";
  static final String TABLES_FULL = "peerscope-full";
  static final int TABLES_FULL_BUDGET_MB = 16;
  private static final String[] PIPELINE_THREADS = {
      FrameHandoff.THREAD_NAME, DnsTransactionHandoff.THREAD_NAME};

  private PeerscopeReplay() {}

  static RunResult run(String contender, Path file, long expectedPackets) throws Exception {
    AgentConfigLoader loader = new AgentConfigLoader().override("sensor", "bench");
    if (contender.equals(TABLES_FULL)) {
      loader.override("track.budget_mb", TABLES_FULL_BUDGET_MB);
    }
    AgentConfig config = loader.load(null);
    Counters counters = new Counters();
    FrameSource source =
        contender.equals(PCAP4J_FED)
            ? Pcap4jFileSource.open(file, counters)
            : PcapFileSource.open(file, counters);
    JvmProbe probe = new JvmProbe();
    // the pcap4j loop publishes its frame count at the end only: its steady state is read from
    // the DNS layer's count of packets instead, which both paths feed per packet
    Counter progress = counters.counter(contender.equals(PCAP4J_FED) ? "pipeline.dns_udp_packets" : "capture.frames");
    AgentReport report;
    Double steady;
    String cpu;
    long t0;
    long t1;
    double peak;
    double live;
    try (Agent agent = Agent.forSource(config, counters, source, file.toString())) {
      probe.start();
      long reader = Thread.currentThread().getId();
      // the pipeline's threads behind its handoffs (capture, tracking) count with the reader's
      java.util.function.LongSupplier allocated =
          () -> probe.allocatedBy(reader) + probe.allocatedByThreadsNamed(PIPELINE_THREADS);
      try (SteadyStateAllocation watch =
          new SteadyStateAllocation(allocated, expectedPackets, progress::get)) {
        StageCpu stages = new StageCpu(
            contender.equals(PCAP4J_FED) ? "pcap4j loop" : "reader", PIPELINE_THREADS);
        t0 = System.nanoTime();
        report = agent.run();
        t1 = System.nanoTime();
        stages.close();
        steady = watch.bytesPerPacket();
        cpu = stages.summary(report.counter("capture.frames"));
      }
      peak = probe.peakHeapMb();
      // the agent is still open here: its tables are what the live figure shows
      live = probe.liveHeapMb();
    }
    long packets = report.counter("capture.frames");
    double whole = packets == 0 ? 0
        : (double) (probe.allocatedSinceStart() + probe.allocatedByThreadsNamed(PIPELINE_THREADS)) / packets;
    return new RunResult(
        contender,
        packets,
        (t1 - t0) / 1e9,
        steady,
        peak,
        live,
        String.format(
            Locale.ROOT,
            "%s; %d DNS transactions, %d findings, %d errors; %.1f B/packet over the whole run; %s",
            description(contender, report),
            report.counter("dns.transactions"),
            report.counter("findings.emitted"),
            report.errors(),
            whole,
            cpu));
  }

  private static String description(String contender, AgentReport report) {
    return switch (contender) {
      case PCAP4J_FED -> "agent pipeline behind pcap4j loop";
      case TABLES_FULL -> String.format(
          Locale.ROOT,
          "agent pipeline, own reader, tables at their bound (track.budget_mb %d: %d names, %d"
              + " clients, %d pairs evicted)",
          TABLES_FULL_BUDGET_MB,
          report.counter("track.names.evicted"),
          report.counter("track.clients.evicted"),
          report.counter("track.pairs.evicted"));
      default -> "agent pipeline, own reader";
    };
  }
}
