package io.peerscope.collector;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** Helpers shared by the end-to-end tests: an HTTP getter, an MQTT publisher, bounded waits. */
public final class TestSupport {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private TestSupport() {}

  public static HttpResponse<String> get(int port, String pathAndQuery)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
            .timeout(Duration.ofSeconds(10))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  public static HttpResponse<String> send(int port, String method, String path)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .method(method, HttpRequest.BodyPublishers.ofString("{}"))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** Polls {@code condition} every 50 ms for at most {@code timeout}; true once it holds. */
  public static boolean await(BooleanSupplier condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(50);
    }
    return condition.getAsBoolean();
  }

  /** A plain Paho publisher like an agent's; credentials may be null. */
  public static MqttClient publisher(String url, String clientId, String user, String password)
      throws MqttException {
    MqttClient client = new MqttClient(url, clientId, new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
    options.setConnectionTimeout(5);
    if (user != null) {
      options.setUserName(user);
      options.setPassword(password.toCharArray());
    }
    client.connect(options);
    return client;
  }

  public static void publish(MqttClient client, String topic, String json, int qos, boolean retained)
      throws MqttException {
    MqttMessage message = new MqttMessage(json.getBytes(StandardCharsets.UTF_8));
    message.setQos(qos);
    message.setRetained(retained);
    client.publish(topic, message);
  }

  /** A finding JSON as an agent publishes it. */
  public static String findingJson(
      String sensor, String kind, String subject, String lastSeen, long count, String evidence) {
    String id = io.peerscope.wire.Finding.stableId(sensor, kind, subject);
    return """
        {"v":1,"id":"%s","sensor":"%s","kind":"%s","severity":"medium","subject":%s,\
        "first_seen":"2016-05-02T06:12:00Z","last_seen":"%s","count":%d,\
        "summary":"seen by one client only","evidence":%s}"""
        .formatted(id, sensor, kind, jsonString(subject), lastSeen, count, evidence);
  }

  public static String statusJson(String sensor, String state) {
    return """
        {"v":1,"sensor":"%s","state":"%s","version":"0.1.0","ts":"2026-01-01T00:00:00Z",\
        "counters":{"capture.packets":1200,"dns.transactions":300}}"""
        .formatted(sensor, state);
  }

  public static String jsonString(String text) {
    try {
      return io.peerscope.wire.WireJson.mapper().writeValueAsString(text);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
