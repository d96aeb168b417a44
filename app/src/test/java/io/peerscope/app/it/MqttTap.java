package io.peerscope.app.it;

import io.peerscope.wire.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A test client subscribed to every peerscope topic (findings, summaries, status of any sensor):
 * records each payload as it arrived, for searches over everything that was published.
 */
final class MqttTap implements AutoCloseable {
  private final MqttClient client;
  private final List<String> payloads = new ArrayList<>();

  private MqttTap(MqttClient client) {
    this.client = client;
  }

  static MqttTap open(String brokerUrl) throws MqttException {
    MqttClient c = new MqttClient(brokerUrl, "test-tap-" + ProcessHandle.current().pid(), new MemoryPersistence());
    MqttTap tap = new MqttTap(c);
    // the callback only stores: Paho's callback thread must never block
    c.setCallback(
        new MqttCallback() {
          @Override
          public void connectionLost(Throwable cause) {}

          @Override
          public void messageArrived(String topic, MqttMessage message) {
            tap.add(topic + " " + new String(message.getPayload(), StandardCharsets.UTF_8));
          }

          @Override
          public void deliveryComplete(IMqttDeliveryToken token) {}
        });
    MqttConnectOptions o = new MqttConnectOptions();
    o.setCleanSession(true);
    o.setConnectionTimeout(10);
    c.connect(o);
    // the embedded broker admits these three filters; together they are all of peerscope/#
    c.subscribe(new String[] {Topics.ALL_FINDINGS, Topics.ALL_SUMMARIES, Topics.ALL_STATUS}, new int[] {1, 1, 1});
    return tap;
  }

  private synchronized void add(String line) {
    payloads.add(line);
  }

  synchronized List<String> payloads() {
    return List.copyOf(payloads);
  }

  /** Waits (bounded) for a status message with this state, e.g. the agent's "offline" at exit. */
  void awaitStatus(String state, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (String p : payloads()) {
        if (p.contains("/status ") && p.contains("\"" + state + "\"")) {
          return;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no status message with state " + state + " within " + timeout + ": " + payloads());
  }

  @Override
  public void close() throws MqttException {
    if (client.isConnected()) {
      client.disconnectForcibly(2_000, 2_000);
    }
    client.close();
  }
}
