package io.peerscope.agent.publish;

import java.nio.file.Path;

/** The publisher scenarios against HiveMQ CE embedded in the test JVM. */
class MqttPublisherHiveMqTest extends MqttPublisherScenarios {
  @Override
  TestBroker newBroker(Path dir) throws Exception {
    return new EmbeddedHiveMqBroker(dir);
  }
}
