package io.peerscope.agent.detect;

import io.peerscope.wire.Finding;

/**
 * Where detectors send findings: the findings log and the MQTT publisher. A finding may be sent
 * again with grown evidence; its id stays the same.
 */
@FunctionalInterface
public interface FindingSink {
  void emit(Finding finding);
}
