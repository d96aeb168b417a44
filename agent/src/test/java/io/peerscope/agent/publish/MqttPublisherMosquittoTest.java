package io.peerscope.agent.publish;

import java.nio.file.Path;

/** The publisher scenarios against Debian's Mosquitto, run as a child process. */
class MqttPublisherMosquittoTest extends MqttPublisherScenarios {
  @Override
  TestBroker newBroker(Path dir) throws Exception {
    return new MosquittoBroker(dir);
  }
}
