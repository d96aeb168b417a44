package io.peerscope.app;

import io.peerscope.agent.Agent;
import io.peerscope.agent.AgentReport;
import io.peerscope.agent.config.AgentConfig;
import io.peerscope.agent.config.AgentConfigLoader;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code peerscope agent}: replay a capture file or capture live, until the end or SIGTERM. */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    description = {
      "Captures DNS and SMTP, writes logs, publishes findings over MQTT.",
      "With --read, replays a pcap or pcapng file as fast as it can, using the",
      "capture's timestamps as its clock, then flushes and exits 0. With --interface",
      "(or capture.interface in --config), captures live until SIGTERM or SIGINT,",
      "then flushes and exits 0.",
      "Exit codes: 0 success, 2 bad usage, configuration or input, 1 failure while",
      "running."
    })
public final class AgentCommand implements Callable<Integer> {

  static final class Source {
    @Option(names = "--read", paramLabel = "FILE", description = "Replay this pcap or pcapng file.")
    Path read;

    @Option(names = "--interface", paramLabel = "NAME", description = "Capture live on this interface.")
    String iface;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Source source = new Source();

  @Option(names = "--logs", paramLabel = "DIR", description = "Write dns.jsonl, smtp.jsonl and findings.jsonl here.")
  Path logs;

  @Option(names = "--broker", paramLabel = "URL", description = "Publish to this MQTT broker (tcp://HOST:PORT).")
  String broker;

  @Option(names = "--sensor", paramLabel = "ID", description = "Sensor id in topics and findings (default: host name).")
  String sensor;

  @Option(names = "--config", paramLabel = "FILE", description = "agent.yaml; flags override its values.")
  Path config;

  @Option(names = "--state", paramLabel = "DIR", description = "State directory: publish spool and tracking state (default /var/lib/peerscope).")
  Path state;

  @Option(names = "--quiet", description = "No progress and no final report on stderr.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    AgentConfig cfg = loadConfig();
    if (source.read == null && cfg.capture().iface() == null) {
      throw new UsageProblem("give --read FILE or --interface NAME (or capture.interface in --config)");
    }
    if (source.read != null && !Files.isRegularFile(source.read)) {
      throw new UsageProblem("--read: no such file: " + source.read);
    }
    PrintStream err = System.err;
    try (Agent agent = source.read != null ? Agent.forFile(cfg, source.read) : Agent.live(cfg)) {
      StopSignals.onStop(agent::stop);
      if (!quiet && source.read != null) {
        agent.reportProgressTo(err); // live capture runs for months: no progress lines in the journal
      }
      // said once the source is open: scripts and tests wait for this line
      err.println(source.read != null
          ? "peerscope agent: reading " + source.read
          : "peerscope agent: capturing on " + cfg.capture().iface() + " (filter: " + cfg.capture().filter() + ")");
      AgentReport report = agent.run();
      if (!quiet) {
        err.println(report.summaryLine());
        err.println(report.countersLine());
      }
      return Main.OK;
    }
  }

  private AgentConfig loadConfig() {
    AgentConfigLoader loader = new AgentConfigLoader()
        .override("sensor", sensor)
        .override("capture.interface", source.iface)
        .override("logs_dir", logs == null ? null : logs.toString())
        .override("state_dir", state == null ? null : state.toString())
        .override("broker.url", broker);
    return loader.load(config);
  }
}
