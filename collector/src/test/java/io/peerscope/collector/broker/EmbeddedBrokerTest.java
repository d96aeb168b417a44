package io.peerscope.collector.broker;

import static io.peerscope.collector.TestSupport.await;
import static io.peerscope.collector.TestSupport.findingJson;
import static io.peerscope.collector.TestSupport.get;
import static io.peerscope.collector.TestSupport.publish;
import static io.peerscope.collector.TestSupport.publisher;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerscope.collector.Collector;
import io.peerscope.collector.CollectorConfig;
import io.peerscope.collector.HostPort;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedBrokerTest {
  @TempDir Path dataDir;

  @Test
  void busyPortsAreClearStartUpErrors() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CollectorConfig mqttBusy =
          CollectorConfig.defaults()
              .withHttp(new HostPort("127.0.0.1", 0))
              .withMqttListen(new HostPort("127.0.0.1", busy.getLocalPort()))
              .withDataDir(dataDir)
              .withDbUrl("jdbc:h2:mem:busy-mqtt");
      assertThatThrownBy(() -> Collector.start(mqttBusy))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("cannot listen for MQTT on 127.0.0.1:" + busy.getLocalPort());
      CollectorConfig httpBusy =
          mqttBusy
              .withHttp(new HostPort("127.0.0.1", busy.getLocalPort()))
              .withMqttListen(new HostPort("127.0.0.1", 0))
              .withBrokerPersistence(CollectorConfig.PERSIST_MEMORY);
      assertThatThrownBy(() -> Collector.start(httpBusy))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("cannot listen for HTTP on 127.0.0.1:" + busy.getLocalPort());
    }
  }

  /** With credentials configured, the embedded broker admits only clients that present them. */
  @Test
  void anonymousAndWrongPasswordAreRejectedAndTheRightOneIsAdmitted() throws Exception {
    CollectorConfig config =
        CollectorConfig.defaults()
            .withHttp(new HostPort("127.0.0.1", 0))
            .withMqttListen(new HostPort("127.0.0.1", 0))
            .withCredentials("sensors", "s3cret-Pa55")
            .withDataDir(dataDir)
            .withDbUrl("jdbc:h2:mem:auth-e2e")
            .withBrokerPersistence(CollectorConfig.PERSIST_MEMORY);
    try (Collector collector = Collector.start(config)) {
      assertThat(collector.awaitBrokerConnection(30, TimeUnit.SECONDS))
          .as("the collector itself logs in with the configured credentials")
          .isTrue();
      String url = collector.brokerUrl();

      assertThatThrownBy(() -> publisher(url, "anonymous-agent", null, null))
          .isInstanceOf(MqttSecurityException.class)
          .satisfies(e -> assertThat(((MqttException) e).getReasonCode())
              .isIn((int) MqttException.REASON_CODE_FAILED_AUTHENTICATION,
                  (int) MqttException.REASON_CODE_NOT_AUTHORIZED));
      assertThatThrownBy(() -> publisher(url, "guessing-agent", "sensors", "s3cret-Pa56"))
          .isInstanceOf(MqttSecurityException.class);
      assertThatThrownBy(() -> publisher(url, "other-user", "admin", "s3cret-Pa55"))
          .isInstanceOf(MqttSecurityException.class);

      MqttClient agent = publisher(url, "good-agent", "sensors", "s3cret-Pa55");
      try {
        // admitted clients may use the peerscope topics only
        assertThatThrownBy(() -> agent.subscribe("#", 1))
            .isInstanceOf(MqttException.class)
            .extracting(e -> ((MqttException) e).getReasonCode())
            .isEqualTo((int) MqttException.REASON_CODE_SUBSCRIBE_FAILED);
        agent.subscribe("peerscope/+/status", 1);
        agent.unsubscribe("peerscope/+/status");
        publish(agent, "peerscope/pi-auth/findings",
            findingJson("pi-auth", "smtp.cleartext-auth", "192.0.2.25:25",
                "2016-05-02T07:00:00Z", 3, "{\"mechanisms\":[\"LOGIN\"]}"), 1, false);
      } finally {
        agent.disconnect();
        agent.close();
      }
      assertThat(await(() -> {
        try {
          return get(collector.httpPort(), "/api/findings?sensor=pi-auth").body()
              .contains("192.0.2.25:25");
        } catch (Exception e) {
          return false;
        }
      }, Duration.ofSeconds(10))).isTrue();
    }
  }
}
