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
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
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

  /** Completed subscriptions (one per connection). */
  final java.util.concurrent.atomic.AtomicInteger subscriptions =
      new java.util.concurrent.atomic.AtomicInteger();

  private final MqttAsyncClient client;
  private final MqttConnectOptions options = new MqttConnectOptions();
  private final String filter;
  private static final long WAIT_MILLIS = 10_000;
  private final IMqttActionListener countSubscription =
      new IMqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          subscriptions.incrementAndGet();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable cause) {}
      };

  TestSubscriber(String url, String clientId, String sensor, boolean persistentSession)
      throws MqttException {
    this.filter = "peerscope/" + sensor + "/#";
    this.client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
    options.setCleanSession(!persistentSession);
    options.setAutomaticReconnect(true);
    options.setMaxReconnectDelay(500);
    options.setConnectionTimeout(5);
    client.setCallback(
        new MqttCallbackExtended() {
          @Override
          public void connectComplete(boolean reconnect, String serverUri) {
            if (reconnect) {
              // Paho forbids waiting inside its callbacks: subscribe and count on the SUBACK.
              try {
                client.subscribe(filter, 1, null, countSubscription);
              } catch (MqttException e) {
                // the next reconnect subscribes again
              }
            }
          }

          @Override
          public void connectionLost(Throwable cause) {}

          @Override
          public void messageArrived(String topic, MqttMessage m) throws Exception {
            record(topic, m);
          }

          @Override
          public void deliveryComplete(IMqttDeliveryToken token) {}
        });
  }

  TestSubscriber connect() throws MqttException {
    client.connect(options).waitForCompletion(WAIT_MILLIS);
    client.subscribe(filter, 1).waitForCompletion(WAIT_MILLIS);
    subscriptions.incrementAndGet();
    return this;
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
