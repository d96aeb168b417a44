package io.peerscope.app;

import io.peerscope.collector.Collector;
import io.peerscope.collector.CollectorConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code peerscope collector}: the central collector, until SIGTERM or SIGINT. */
@Command(
    name = "collector",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    description = {
      "Stores what sensors publish over MQTT; serves the HTTP API and the dashboard.",
      "Receives findings, summaries and status from every sensor. Without --broker it",
      "runs its own MQTT broker on --mqtt-listen (listening beyond loopback requires",
      "mqtt.username and mqtt.password in --config). Runs until SIGTERM or SIGINT,",
      "then exits 0.",
      "Exit codes: 0 success, 2 bad usage or configuration, 1 failure while running."
    })
public final class CollectorCommand implements Callable<Integer> {
  @Option(names = "--config", paramLabel = "FILE", description = "collector.yaml; flags override its values.")
  Path config;

  @Option(names = "--http", paramLabel = "HOST:PORT", description = "HTTP API and dashboard (default 127.0.0.1:8080).")
  String http;

  @Option(names = "--broker", paramLabel = "URL", description = "Use this external MQTT broker (tcp://HOST:PORT).")
  String broker;

  @Option(names = "--mqtt-listen", paramLabel = "HOST:PORT", description = "Embedded broker's listener (default 127.0.0.1:1883).")
  String mqttListen;

  @Option(names = "--db", paramLabel = "JDBC_URL", description = "Database (default: H2 file under the data directory).")
  String db;

  @Override
  public Integer call() throws Exception {
    CollectorConfig cfg =
        (config == null ? CollectorConfig.defaults() : CollectorConfig.load(config))
            .withFlags(http, broker, mqttListen, db)
            .validate();
    PrintStream err = System.err;
    try (Collector collector = Collector.start(cfg)) {
      StopSignals.onStop(collector::close);
      err.println("peerscope collector: dashboard and API at http://" + cfg.http().host() + ":" + collector.httpPort() + "/");
      err.println(
          cfg.embeddedBroker()
              ? "peerscope collector: embedded MQTT broker on " + cfg.mqttListen().host() + ":" + collector.mqttPort()
              : "peerscope collector: subscribed to " + cfg.brokerUrl());
      collector.awaitTermination();
    }
    return Main.OK;
  }
}
