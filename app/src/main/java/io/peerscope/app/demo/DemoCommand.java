package io.peerscope.app.demo;

import io.peerscope.agent.Agent;
import io.peerscope.agent.AgentReport;
import io.peerscope.agent.config.AgentConfig;
import io.peerscope.agent.config.AgentConfigLoader;
import io.peerscope.app.Main;
import io.peerscope.app.StopSignals;
import io.peerscope.app.Version;
import io.peerscope.collector.Collector;
import io.peerscope.collector.CollectorConfig;
import io.peerscope.collector.HostPort;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code peerscope demo}: the project's own capture replayed through an agent into a collector
 * with its embedded broker and database, then the findings and DNS results read back from the
 * collector's HTTP API, so what is printed has crossed MQTT, the database and the API.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Replays the demo capture through an agent into a collector; prints the results.",
      "Generates the demo capture, starts a collector (embedded MQTT broker, embedded",
      "database), replays the capture through an agent publishing to it, and prints",
      "the findings, DNS results and busiest names the collector's API serves, with",
      "the dashboard's address. Exits 0; with --serve the collector keeps running",
      "until Ctrl-C."
    })
public final class DemoCommand implements Callable<Integer> {
  public static final String SENSOR = "demo";
  private static final int SUBSCRIBE_WAIT_SECONDS = 30;

  @Option(names = "--serve", description = "Keep the collector and its dashboard running until Ctrl-C.")
  boolean serve;

  @Option(names = "--http", paramLabel = "HOST:PORT", description = "Dashboard address (default 127.0.0.1:8080 with --serve, else any free port).")
  String http;

  @Option(names = "--keep", paramLabel = "DIR", description = "Keep the capture, logs and database in DIR instead of a temporary directory.")
  Path keep;

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    Path work = keep != null ? Files.createDirectories(keep) : Files.createTempDirectory("peerscope-demo");
    try {
      Path pcap = work.resolve("demo.pcap");
      long frames = DemoCapture.writeFile(pcap);
      out.printf("peerscope demo: generated the demo capture: %d frames, %s%n", frames, pcap);

      CollectorConfig cc =
          CollectorConfig.defaults()
              .withHttp(HostPort.parse(http != null ? http : serve ? "127.0.0.1:8080" : "127.0.0.1:0", "--http"))
              .withMqttListen(new HostPort("127.0.0.1", 0))
              .withDataDir(work.resolve("collector"))
              .withBrokerPersistence(CollectorConfig.PERSIST_MEMORY)
              .validate();
      try (Collector collector = Collector.start(cc)) {
        String dashboard = "http://127.0.0.1:" + collector.httpPort() + "/";
        out.printf(
            "peerscope demo: collector started: embedded MQTT broker on 127.0.0.1:%d, database %s%n",
            collector.mqttPort(), cc.effectiveDbUrl());
        // A broker keeps nothing for a subscription that does not exist yet: findings the agent
        // published before the collector subscribed would be lost.
        if (!collector.awaitBrokerConnection(SUBSCRIBE_WAIT_SECONDS, TimeUnit.SECONDS)) {
          System.err.printf(
              "peerscope demo: the collector did not subscribe to its embedded broker within %d s%n",
              SUBSCRIBE_WAIT_SECONDS);
          return Main.FAILURE;
        }

        AgentConfig ac =
            new AgentConfigLoader()
                .override("sensor", SENSOR)
                .override("broker.url", "tcp://127.0.0.1:" + collector.mqttPort())
                .override("broker.summary_interval_seconds", 86_400)
                .override("state_dir", work.resolve("state").toString())
                .override("logs_dir", work.resolve("logs").toString())
                .load(null);
        AgentReport report;
        try (Agent agent = Agent.forFile(ac, pcap)) {
          report = agent.run();
        }
        out.println("peerscope demo: " + report.summaryLine().replace("peerscope agent: ", "agent replayed it: "));

        DemoResults results = DemoResults.await(new CollectorApi(dashboard), SENSOR, report, work.resolve("logs"));
        out.println();
        out.print(results.render());
        out.println();
        if (!serve) {
          out.println("Dashboard: " + dashboard + " (stops now; `bin/peerscope demo --serve` keeps it running)");
          return Main.OK;
        }
        out.println("Dashboard: " + dashboard + " (Ctrl-C to stop)");
        out.flush();
        StopSignals.onStop(collector::close);
        collector.awaitTermination();
        return Main.OK;
      }
    } finally {
      if (keep == null) {
        deleteTree(work);
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
