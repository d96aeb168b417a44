package io.peerscope.collector;

import io.peerscope.collector.broker.EmbeddedBroker;
import io.peerscope.collector.http.ApiServices;
import io.peerscope.collector.http.HttpApiServer;
import io.peerscope.collector.ingest.IngestHandler;
import io.peerscope.collector.ingest.MqttIngest;
import io.peerscope.collector.store.Database;
import io.peerscope.collector.store.FindingStore;
import io.peerscope.collector.store.Retention;
import io.peerscope.collector.store.SensorStore;
import io.peerscope.wire.WireValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The central collector: database, MQTT broker (embedded HiveMQ, or an external one by URL),
 * the MQTT subscription that validates and stores what sensors publish, and the HTTP API with
 * its dashboard. Started by {@link #start(CollectorConfig)}, stopped by {@link #close()}.
 */
public final class Collector implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Collector.class);
  /** Broker packets also carry the topic and headers; the payload limit is enforced by ingest. */
  private static final int BROKER_PACKET_SLACK = 64 * 1024;
  private static final Duration RETENTION_PERIOD = Duration.ofHours(1);

  private final CollectorConfig config;
  private final CollectorMetrics metrics = new CollectorMetrics();
  private final CountDownLatch terminated = new CountDownLatch(1);
  private Database database;
  private EmbeddedBroker broker;
  private MqttIngest ingest;
  private HttpApiServer http;
  private String brokerUrl;
  private FindingStore findings;
  private SensorStore sensors;
  private Retention retention;

  private Collector(CollectorConfig config) {
    this.config = config;
  }

  /**
   * Validates the configuration, then opens the database, starts the embedded broker (unless an
   * external one is configured), subscribes, and serves HTTP. Returns once HTTP is listening;
   * the MQTT connection completes in the background ({@link #isBrokerConnected()}). With an
   * external broker that is down, the collector runs and reports 503 on /healthz until it is up.
   *
   * @throws ConfigException for an unusable configuration (the CLI exits 2)
   * @throws IOException when a port, the database or the broker cannot be opened (exit 1)
   */
  public static Collector start(CollectorConfig config) throws IOException {
    config.validate();
    Collector collector = new Collector(config);
    try {
      collector.open();
      return collector;
    } catch (IOException | RuntimeException e) {
      collector.close();
      throw e;
    }
  }

  private void open() throws IOException {
    Files.createDirectories(config.dataDir());
    try {
      database = Database.open(config.effectiveDbUrl());
    } catch (SQLException e) {
      throw new IOException("cannot open database " + config.effectiveDbUrl() + ": " + e.getMessage(), e);
    }
    findings = new FindingStore(database);
    sensors = new SensorStore(database, config.maxSensors());
    if (config.retentionDays() > 0) {
      retention =
          new Retention(findings, Duration.ofDays(config.retentionDays()), Clock.systemUTC(),
              metrics.findingsExpired::add);
      retention.start(RETENTION_PERIOD);
    }
    if (config.embeddedBroker()) {
      broker =
          EmbeddedBroker.start(
              config.mqttListen(),
              config.username(),
              config.password(),
              config.dataDir().resolve("broker"),
              config.brokerPersistence(),
              config.maxMessageBytes() + BROKER_PACKET_SLACK,
              config.maxQueuedMessages());
      brokerUrl = broker.localUrl();
    } else {
      brokerUrl = config.brokerUrl();
    }
    IngestHandler handler =
        new IngestHandler(
            new WireValidator(config.maxMessageBytes()), findings, sensors, metrics,
            Clock.systemUTC());
    try {
      ingest =
          new MqttIngest(
              brokerUrl, config.clientId(), config.username(), config.password(), handler, metrics);
    } catch (MqttException e) {
      throw new IOException("cannot create the MQTT client for " + brokerUrl + ": " + e, e);
    }
    ingest.start();
    http =
        HttpApiServer.start(
            config.http(),
            new ApiServices(
                findings,
                sensors,
                metrics,
                ingest::isConnected,
                database::isUp,
                config.maxResults()));
    if (!config.http().isLoopback()) {
      LOG.warn(
          "the HTTP API on {} has no authentication of its own: restrict access to it",
          config.http());
    }
    LOG.info(
        "collector listening on http://{} ; MQTT {}",
        new HostPort(config.http().host(), http.port()),
        brokerUrl);
  }

  /** The bound HTTP port (the configured one, or the one chosen for port 0). */
  public int httpPort() {
    return http.port();
  }

  /** The embedded broker's bound MQTT port, or the external broker URL's port. */
  public int mqttPort() {
    if (broker != null) {
      return broker.port();
    }
    return java.net.URI.create(brokerUrl).getPort();
  }

  /** The URL agents on this machine publish to. */
  public String brokerUrl() {
    return brokerUrl;
  }

  /** The dashboard's address, e.g. {@code http://127.0.0.1:8080/}. */
  public String dashboardUrl() {
    String host = config.http().host();
    if ("0.0.0.0".equals(host) || "::".equals(host)) {
      host = "127.0.0.1";
    }
    return "http://" + new HostPort(host, httpPort()) + "/";
  }

  /** True while subscribed on the broker. */
  public boolean isBrokerConnected() {
    return ingest != null && ingest.isConnected();
  }

  public CollectorConfig config() {
    return config;
  }

  public CollectorMetrics metrics() {
    return metrics;
  }

  /** Waits for the MQTT subscription to be in place; false on timeout. */
  public boolean awaitBrokerConnection(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    while (!isBrokerConnected()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  /** Blocks until {@link #close()} has run (from a shutdown hook, for instance). */
  public void awaitTermination() throws InterruptedException {
    terminated.await();
  }

  /** Stops HTTP, the subscription, the embedded broker and the database, in that order. */
  @Override
  public synchronized void close() {
    if (terminated.getCount() == 0) {
      return;
    }
    try {
      if (http != null) {
        http.close();
      }
      if (ingest != null) {
        ingest.close();
      }
      if (broker != null) {
        broker.close();
      }
      if (retention != null) {
        retention.close();
      }
      if (database != null) {
        try {
          database.close();
        } catch (SQLException e) {
          LOG.warn("closing the database: {}", e.toString());
        }
      }
    } finally {
      terminated.countDown();
    }
  }
}
