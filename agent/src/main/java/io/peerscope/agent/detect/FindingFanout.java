package io.peerscope.agent.detect;

import io.peerscope.agent.metrics.Counter;
import io.peerscope.agent.metrics.Counters;
import io.peerscope.wire.Finding;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each finding to several sinks (the findings log, the MQTT publisher). A sink that throws is
 * counted in {@code detect.sink_errors} and logged once; the other sinks still get the finding, and
 * the detector that emitted it never sees the failure.
 */
public final class FindingFanout implements FindingSink {
  private static final Logger LOG = LoggerFactory.getLogger(FindingFanout.class);

  private final List<FindingSink> sinks;
  private final Counter sinkErrors;
  private final AtomicBoolean failureLogged = new AtomicBoolean();

  public FindingFanout(List<? extends FindingSink> sinks, Counters counters) {
    this.sinks = List.copyOf(sinks);
    this.sinkErrors = counters.counter("detect.sink_errors");
  }

  @Override
  public void emit(Finding finding) {
    for (FindingSink sink : sinks) {
      try {
        sink.emit(finding);
      } catch (RuntimeException e) {
        sinkErrors.inc();
        if (failureLogged.compareAndSet(false, true)) {
          LOG.warn(
              "a finding sink failed ({}); further failures are only counted in detect.sink_errors",
              sink.getClass().getSimpleName(),
              e);
        }
      }
    }
  }
}
