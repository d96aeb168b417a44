package io.peerscope.agent.publish;

import io.peerscope.agent.metrics.Counter;
import io.peerscope.agent.metrics.Counters;
import io.peerscope.wire.EarlyFailureHoldingSocketFactory;
import io.peerscope.wire.Finding;
import io.peerscope.wire.SensorStatus;
import io.peerscope.wire.Topics;
import io.peerscope.wire.WireJson;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker connection of one publisher, driven by the publishing thread: connects when due
 * (backoff between failures), announces the retained {@code online} status on every new connection
 * and every status interval, and leaves an {@code offline} last will with the broker. Clean
 * session: the spool, not the broker or Paho, remembers what is unacknowledged.
 */
final class BrokerConnection {
  private static final Logger LOG = LoggerFactory.getLogger(BrokerConnection.class);
  private static final long SHUTDOWN_WAIT_MILLIS = 2000;

  private final PublishConfig config;
  private final String sensor;
  private final String version;
  private final String statusTopic;
  private final Supplier<Map<String, Long>> statusCounters;
  private final MqttAsyncClient client;
  private final MqttConnectOptions options = new MqttConnectOptions();
  private final Backoff backoff;
  private final Counter connectFailures;
  private final Counter reconnects;

  private volatile boolean connectionUp;
  private boolean everConnected;
  private long failuresInARow;
  private long nextAttempt = System.nanoTime();
  private long nextStatus;

  BrokerConnection(
      PublishConfig config,
      String sensor,
      String version,
      Counters counters,
      Supplier<Map<String, Long>> statusCounters,
      Runnable wake)
      throws MqttException {
    this.config = config;
    this.sensor = sensor;
    this.version = version;
    this.statusTopic = Topics.status(sensor);
    this.statusCounters = statusCounters;
    this.backoff = new Backoff(config.reconnectMin(), config.reconnectMax());
    this.connectFailures = counters.counter("publish.connect_failures");
    this.reconnects = counters.counter("publish.reconnects");
    String clientId = config.clientId() != null ? config.clientId() : "peerscope-" + sensor;
    this.client = new MqttAsyncClient(config.brokerUrl(), clientId, new MemoryPersistence());
    options.setCleanSession(true);
    options.setAutomaticReconnect(false);
    options.setMaxInflight(MqttPublisher.WINDOW + 16);
    options.setKeepAliveInterval(30);
    options.setConnectionTimeout((int) Math.max(1, config.connectTimeout().toSeconds()));
    if (config.brokerUrl().startsWith("tcp://")) {
      // for ssl://, Paho makes its own TLS sockets, and a broker closing at once fails the handshake
      // before Paho's receiving thread starts
      options.setSocketFactory(EarlyFailureHoldingSocketFactory.forPaho());
    }
    if (config.username() != null) {
      options.setUserName(config.username());
    }
    if (config.password() != null) {
      options.setPassword(config.password().toCharArray());
    }
    client.setCallback(
        new MqttCallbackExtended() {
          @Override
          public void connectionLost(Throwable cause) {
            connectionUp = false;
            LOG.warn("lost the connection to {}: {}", config.brokerUrl(), String.valueOf(cause));
            wake.run();
          }

          @Override
          public void connectComplete(boolean reconnect, String serverUri) {
            wake.run();
          }

          @Override
          public void messageArrived(String topic, MqttMessage message) {
            // the publisher subscribes to nothing
          }

          @Override
          public void deliveryComplete(IMqttDeliveryToken token) {
            // acknowledgements are handled per message by the listener given to publish
          }
        });
  }

  boolean connected() {
    return connectionUp && client.isConnected();
  }

  /**
   * Connects when disconnected and the backoff allows it; publishes the status when due. Returns
   * true right after a new connection came up.
   */
  boolean maintain(long now) {
    if (!client.isConnected()) {
      connectionUp = false;
      if (now - nextAttempt < 0 || !connect()) {
        return false;
      }
    }
    if (!connectionUp) {
      connectionUp = true;
      if (everConnected) {
        reconnects.inc();
      }
      if (failuresInARow > 0) {
        LOG.info("connected to {} after {} failed attempts", config.brokerUrl(), failuresInARow);
      }
      everConnected = true;
      failuresInARow = 0;
      backoff.reset();
      publishStatus(SensorStatus.ONLINE, false);
      nextStatus = now + TimeUnit.SECONDS.toNanos(config.statusIntervalSeconds());
      return true;
    }
    if (now - nextStatus >= 0) {
      publishStatus(SensorStatus.ONLINE, false);
      nextStatus = now + TimeUnit.SECONDS.toNanos(config.statusIntervalSeconds());
    }
    return false;
  }

  /** False when the message could not be handed to the client (not connected, too many). */
  boolean publish(String topic, MqttMessage m, Object context, IMqttActionListener listener) {
    try {
      client.publish(topic, m, context, listener);
      return true;
    } catch (MqttException e) {
      return false;
    }
  }

  /** Publishes the offline status (a clean disconnect sends no will), disconnects and closes. */
  void shutDown() {
    if (client.isConnected()) {
      publishStatus(SensorStatus.OFFLINE, true);
      try {
        client.disconnect(SHUTDOWN_WAIT_MILLIS).waitForCompletion(SHUTDOWN_WAIT_MILLIS);
      } catch (MqttException e) {
        LOG.debug("disconnect from {} did not complete: {}", config.brokerUrl(), e.toString());
      }
    }
    try {
      client.close(true);
    } catch (MqttException e) {
      LOG.debug("closing the MQTT client: {}", e.toString());
    }
  }

  /** Returns false after a failed attempt (and schedules the next one). */
  private boolean connect() {
    // The will carries the time of this attempt; counters would be stale by the time it fires.
    options.setWill(statusTopic, statusJson(SensorStatus.OFFLINE, Map.of()), 1, true);
    try {
      client
          .connect(options)
          .waitForCompletion(config.connectTimeout().toMillis() + SHUTDOWN_WAIT_MILLIS);
      if (client.isConnected()) {
        return true;
      }
    } catch (MqttException e) {
      if (e.getReasonCode() == MqttException.REASON_CODE_CLIENT_TIMEOUT
          || e.getReasonCode() == MqttException.REASON_CODE_CONNECT_IN_PROGRESS) {
        abandonAttempt();
      }
      if (failuresInARow == 0) {
        LOG.warn(
            "cannot connect to {} ({}); retrying with backoff up to {} ms",
            config.brokerUrl(),
            e.toString(),
            config.reconnectMax().toMillis());
      }
    }
    failuresInARow++;
    connectFailures.inc();
    nextAttempt = System.nanoTime() + backoff.nextDelayNanos();
    return false;
  }

  /**
   * Ends an attempt that is still in progress: a broker that accepted the connection but never
   * answered it. Paho waits for the answer without a limit of its own and refuses every later
   * attempt while it waits, so without this one silent broker would stop publishing until the
   * agent restarts.
   */
  private void abandonAttempt() {
    try {
      client.disconnectForcibly(0, 0, false);
    } catch (MqttException e) {
      LOG.debug("abandoning the connection attempt to {}: {}", config.brokerUrl(), e.toString());
    }
  }

  private void publishStatus(String state, boolean wait) {
    try {
      IMqttDeliveryToken t =
          client.publish(statusTopic, statusJson(state, statusCounters.get()), 1, true);
      if (wait) {
        t.waitForCompletion(SHUTDOWN_WAIT_MILLIS);
      }
    } catch (MqttException e) {
      LOG.debug("status not published: {}", e.toString());
    }
  }

  private byte[] statusJson(String state, Map<String, Long> counters) {
    SensorStatus status =
        new SensorStatus(Finding.VERSION, sensor, state, version, Instant.now(), counters);
    try {
      return WireJson.mapper().writeValueAsBytes(status);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a status of strings and numbers always serializes", e);
    }
  }
}
