package io.peerscope.collector.broker;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import io.peerscope.collector.HostPort;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector's own MQTT broker: HiveMQ CE in embedded mode, one TCP listener, its state under
 * {@code <data_dir>/broker}. HiveMQ reports its bound port only in its log, so port 0 is resolved
 * here by asking the OS for a free port first.
 */
public final class EmbeddedBroker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
  private static final long START_TIMEOUT_SECONDS = 60;

  private final EmbeddedHiveMQ hivemq;
  private final HostPort listen;

  private EmbeddedBroker(EmbeddedHiveMQ hivemq, HostPort listen) {
    this.hivemq = hivemq;
    this.listen = listen;
  }

  /**
   * Starts the broker and waits until it accepts connections.
   *
   * @param username null admits every client (only allowed on loopback by the configuration)
   * @param persistence {@code file} or {@code in-memory}
   * @param maxPacketBytes larger MQTT packets are refused by the broker itself
   * @param maxQueuedMessages QoS 1 messages kept per client that has not taken them yet (HiveMQ's
   *     default of 1000 drops messages when a replay outpaces the collector)
   */
  public static EmbeddedBroker start(
      HostPort listen,
      String username,
      String password,
      Path directory,
      String persistence,
      int maxPacketBytes,
      int maxQueuedMessages)
      throws IOException {
    int port = listen.port() == 0 ? freePort(listen.host()) : requireFree(listen);
    HostPort bound = new HostPort(listen.host(), port);
    Path conf = Files.createDirectories(directory.resolve("conf"));
    Path data = Files.createDirectories(directory.resolve("data"));
    Path extensions = Files.createDirectories(directory.resolve("extensions"));
    Files.writeString(
        conf.resolve("config.xml"),
        configXml(bound, persistence, maxPacketBytes, maxQueuedMessages),
        StandardCharsets.UTF_8);
    EmbeddedExtension security =
        EmbeddedExtension.builder()
            .withId("peerscope-security")
            .withName("peerscope broker security")
            .withVersion("1")
            .withPriority(1000)
            .withStartPriority(1000)
            .withExtensionMain(new BrokerSecurity(username, password))
            .build();
    EmbeddedHiveMQ hivemq =
        EmbeddedHiveMQ.builder()
            .withConfigurationFolder(conf)
            .withDataFolder(data)
            .withExtensionsFolder(extensions)
            .withEmbeddedExtension(security)
            .withoutLoggingBootstrap()
            .build();
    try {
      hivemq.start().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      closeQuietly(hivemq);
      throw new IOException("embedded MQTT broker did not start on " + bound + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(hivemq);
      throw new IOException("interrupted while starting the embedded MQTT broker", e);
    }
    LOG.info("embedded MQTT broker listening on {} (authentication {})", bound,
        username == null ? "off, loopback only" : "on");
    return new EmbeddedBroker(hivemq, bound);
  }

  /** The listener's actual port (never 0). */
  public int port() {
    return listen.port();
  }

  /** The URL a client on this machine uses to reach the broker. */
  public String localUrl() {
    String host = listen.host();
    if ("0.0.0.0".equals(host) || "::".equals(host)) {
      host = "127.0.0.1";
    }
    return "tcp://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + listen.port();
  }

  @Override
  public void close() {
    closeQuietly(hivemq);
  }

  private static void closeQuietly(EmbeddedHiveMQ hivemq) {
    try {
      hivemq.stop().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      LOG.warn("embedded MQTT broker did not stop cleanly: {}", e.toString());
    }
    try {
      hivemq.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | RuntimeException e) {
      LOG.warn("embedded MQTT broker did not close cleanly: {}", e.toString());
    }
  }

  /**
   * HiveMQ logs a listener that fails to bind and starts anyway; checking first turns a busy port
   * into a clear start-up error instead of a broker nobody can reach.
   */
  private static int requireFree(HostPort listen) throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(listen.host()), listen.port()));
      return listen.port();
    } catch (IOException e) {
      throw new IOException("cannot listen for MQTT on " + listen + ": " + e.getMessage(), e);
    }
  }

  static int freePort(String host) throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
      return socket.getLocalPort();
    }
  }

  static String configXml(
      HostPort listen, String persistence, int maxPacketBytes, int maxQueuedMessages) {
    return """
        <?xml version="1.0"?>
        <hivemq>
          <listeners>
            <tcp-listener>
              <port>%d</port>
              <bind-address>%s</bind-address>
            </tcp-listener>
          </listeners>
          <mqtt>
            <queued-messages>
              <max-queue-size>%d</max-queue-size>
            </queued-messages>
            <packets>
              <max-packet-size>%d</max-packet-size>
            </packets>
          </mqtt>
          <persistence>
            <mode>%s</mode>
          </persistence>
          <anonymous-usage-statistics>
            <enabled>false</enabled>
          </anonymous-usage-statistics>
        </hivemq>
        """
        .formatted(
            listen.port(), xml(listen.host()), maxQueuedMessages, maxPacketBytes, xml(persistence));
  }

  private static String xml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
