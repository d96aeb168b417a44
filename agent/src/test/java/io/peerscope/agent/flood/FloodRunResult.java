package io.peerscope.agent.flood;

import java.util.List;
import java.util.Map;

/**
 * What one agent run over the story with a flood measured, written by {@link StoryFloodAgentRun}
 * as JSON for the test that started it.
 *
 * @param floodNames unique random subdomains in the plan
 * @param maxHeapBytes the JVM's heap limit (-Xmx)
 * @param gc the collectors of that JVM, for the record
 * @param baselineBytes heap in use after a full collection before the agent was built
 * @param samples heap after full collections during the replay, the last after the last frame
 * @param afterEndBytes heap after the pipeline's end flush, with the agent still reachable
 * @param elapsedMillis wall time of the agent's run, samples included
 * @param counters every counter of the agent at the end
 */
record FloodRunResult(
    long floodNames,
    long maxHeapBytes,
    List<String> gc,
    long baselineBytes,
    List<HeapSample> samples,
    long afterEndBytes,
    long elapsedMillis,
    Map<String, Long> counters) {

  long peakBytes() {
    return samples.stream().mapToLong(HeapSample::usedBytes).max().orElse(0);
  }

  long counter(String name) {
    return counters.getOrDefault(name, 0L);
  }
}
