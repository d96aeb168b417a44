package io.peerscope.agent.publish;

import io.peerscope.wire.Finding;
import io.peerscope.wire.SensorStatus;
import io.peerscope.wire.SensorSummary;
import io.peerscope.wire.WireJson;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A plain Paho subscriber to one sensor's topics (QoS 1) that records what arrives. With a
 * persistent session (clean session false), the broker queues for it while it is away or the broker
 * restarts.
 */
final class TestSubscriber implements AutoCloseable {
  /** Delivery count and QoS by finding id. */
  final Map<String, Integer> findings = new ConcurrentHashMap<>();

  final Map<String, Finding> lastFinding = new ConcurrentHashMap<>();
  final List<Integer> findingQos = new CopyOnWriteArrayList<>();
  final List<SensorSummary> summaries = new CopyOnWriteArrayList<>();
  final List<SensorStatus> statuses = new CopyOnWriteArrayList<>();
  final List<Boolean> statusRetained = new CopyOnWriteArrayList<>();

  private final String url;
  private final String clientId;
  private final MqttConnectOptions options = new MqttConnectOptions();
  private final String filter;
  private static final long WAIT_MILLIS = 10_000;
  private MqttAsyncClient client;

  TestSubscriber(String url, String clientId, String sensor, boolean persistentSession)
      throws MqttException {
    this.url = url;
    this.clientId = clientId;
    this.filter = "peerscope/" + sensor + "/#";
    options.setCleanSession(!persistentSession);
    // No automatic reconnect: Paho's can stay "connecting" for good after a broker restart (its
    // reader running, no CONNACK awaited any more); a test that restarts the broker calls
    // reconnect() instead.
    options.setAutomaticReconnect(false);
    options.setConnectionTimeout(5);
    this.client = newClient();
  }

  private MqttAsyncClient newClient() throws MqttException {
    MqttAsyncClient c = new MqttAsyncClient(url, clientId, new MemoryPersistence());
    c.setCallback(
        new MqttCallback() {
          @Override
          public void connectionLost(Throwable cause) {}

          @Override
          public void messageArrived(String topic, MqttMessage m) throws Exception {
            record(topic, m);
          }

          @Override
          public void deliveryComplete(IMqttDeliveryToken token) {}
        });
    return c;
  }

  TestSubscriber connect() throws MqttException {
    client.connect(options).waitForCompletion(WAIT_MILLIS);
    client.subscribe(filter, 1).waitForCompletion(WAIT_MILLIS);
    return this;
  }

  /**
   * Comes back after the broker restarted, with a new client of the same id: with a persistent
   * session the broker then hands over what it queued meanwhile. Retries (bounded) while the
   * restarted broker is not yet ready.
   */
  void reconnect(long timeoutMillis) throws Exception {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (true) {
      discard();
      client = newClient();
      try {
        connect();
        return;
      } catch (MqttException e) {
        if (System.currentTimeMillis() > deadline) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }

  private void discard() {
    try {
      client.disconnectForcibly(0, 0, false);
    } catch (MqttException alreadyDown) {
      // nothing to end
    }
    try {
      client.close(true);
    } catch (MqttException e) {
      // closing a client that never connected or is gone
    }
  }

  void disconnect() throws MqttException {
    client.disconnect(2000).waitForCompletion(WAIT_MILLIS);
  }

  private void record(String topic, MqttMessage m) throws Exception {
    if (topic.endsWith("/findings")) {
      Finding f = WireJson.mapper().readValue(m.getPayload(), Finding.class);
      findings.merge(f.id(), 1, Integer::sum);
      lastFinding.put(f.id(), f);
      findingQos.add(m.getQos());
    } else if (topic.endsWith("/summary")) {
      summaries.add(WireJson.mapper().readValue(m.getPayload(), SensorSummary.class));
    } else if (topic.endsWith("/status")) {
      statuses.add(WireJson.mapper().readValue(m.getPayload(), SensorStatus.class));
      statusRetained.add(m.isRetained());
    }
  }

  /** Waits (bounded) for the condition; false on timeout. */
  static boolean await(BooleanSupplier condition, long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (System.currentTimeMillis() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(25);
    }
    return condition.getAsBoolean();
  }

  @Override
  public void close() {
    try {
      if (client.isConnected()) {
        client.disconnect(2000).waitForCompletion(WAIT_MILLIS);
      }
      client.close(true);
    } catch (MqttException e) {
      // the broker may already be gone
    }
  }
}
