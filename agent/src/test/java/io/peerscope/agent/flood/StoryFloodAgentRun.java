package io.peerscope.agent.flood;

import io.peerscope.agent.Agent;
import io.peerscope.agent.AgentReport;
import io.peerscope.agent.config.AgentConfig;
import io.peerscope.agent.metrics.Counters;
import io.peerscope.agent.synth.story.StoryFrameSource;
import io.peerscope.agent.synth.story.StoryPlan;
import io.peerscope.wire.WireJson;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.List;

/**
 * One agent, alone in its JVM (whose -Xmx is the limit under test), replaying the three-week
 * story with a random-subdomain flood mixed in, generated frame by frame. Writes dns.jsonl,
 * smtp.jsonl and findings.jsonl into the logs directory and a {@link FloodRunResult} as JSON.
 *
 * <p>Arguments: flood names, logs directory, result file, frames between heap samples.
 */
public final class StoryFloodAgentRun {
  private StoryFloodAgentRun() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: StoryFloodAgentRun FLOOD_NAMES LOGS_DIR RESULT_FILE SAMPLE_EVERY");
      System.exit(2);
    }
    long flood = Long.parseLong(args[0]);
    Path logs = Path.of(args[1]);
    Path result = Path.of(args[2]);
    long every = Long.parseLong(args[3]);

    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long baseline = HeapSampledSource.usedAfterFullGc(memory);
    AgentConfig config = new AgentConfig("flood", null, logs.toString(), null, null, null, null, null);
    Counters counters = new Counters();
    HeapSampledSource source =
        new HeapSampledSource(new StoryFrameSource(StoryPlan.full().withFlood(flood), counters), every);
    long afterEnd;
    AgentReport report;
    try (Agent agent = Agent.forSource(config, counters, source, "story with " + flood + " flood names")) {
      report = agent.run();
      afterEnd = HeapSampledSource.usedAfterFullGc(memory);
      // the agent stays reachable until here, so afterEnd still holds its tables
      System.err.println(report.summaryLine());
    }
    List<String> gc = ManagementFactory.getGarbageCollectorMXBeans().stream()
        .map(GarbageCollectorMXBean::getName)
        .toList();
    FloodRunResult r = new FloodRunResult(flood, Runtime.getRuntime().maxMemory(), gc, baseline,
        source.samples(), afterEnd, report.elapsed().toMillis(), report.counters());
    WireJson.mapper().writerWithDefaultPrettyPrinter().writeValue(result.toFile(), r);
  }
}
