package io.peerscope.app.bench;

import io.peerscope.agent.Agent;
import io.peerscope.agent.capture.LiveCaptureOptions;
import io.peerscope.agent.capture.LiveCaptureSource;
import io.peerscope.agent.config.AgentConfig;
import io.peerscope.agent.config.AgentConfigLoader;
import io.peerscope.agent.config.CaptureConfig;
import io.peerscope.agent.metrics.Counters;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The capturing end of the live drop test, inside the receiving namespace in a JVM of its own:
 * opens the interface, says {@value #READY} on stdout, captures until a line (or the end) arrives
 * on stdin or the time limit passes, then prints {@value #RESULT_PREFIX} and its counters as JSON.
 * The {@code agent} listener is the agent as {@code peerscope agent --interface} runs it (logs and
 * MQTT off); {@code empty} is the same live capture, same options, with a listener that only
 * counts.
 */
final class LiveCaptureRun {
  static final String READY = "bench-ready";
  static final String RESULT_PREFIX = "bench-live ";
  static final String AGENT = "agent";
  static final String EMPTY = "empty";
  static final String[] COUNTERS = {
    "capture.frames", "capture.received", "capture.dropped_by_kernel", "capture.dropped_by_interface",
    "dns.transactions"
  };

  private LiveCaptureRun() {}

  static void run(String iface, String listener, int maxSeconds, Path stateDir, PrintStream out)
      throws IOException {
    Map<String, Long> counters;
    // the agent's defaults, as `peerscope agent --interface` runs with no agent.yaml
    AgentConfig config =
        new AgentConfigLoader()
            .override("sensor", "bench")
            .override("capture.interface", iface)
            .override("state_dir", stateDir.toString())
            .load(null);
    if (listener.equals(AGENT)) {
      try (Agent agent = Agent.live(config)) {
        ready(out, agent::stop, maxSeconds);
        counters = agent.run().counters();
      }
    } else if (listener.equals(EMPTY)) {
      Counters c = new Counters();
      CaptureConfig cc = config.capture();
      LiveCaptureOptions options = new LiveCaptureOptions(
          iface, cc.snaplen(), cc.promiscuous(), (int) Math.min(Integer.MAX_VALUE, cc.bufferBytes()), cc.immediate(),
          cc.timeoutMs(), cc.filter());
      try (LiveCaptureSource source = LiveCaptureSource.open(options, c)) {
        ready(out, source::stop, maxSeconds);
        source.run((linkType, ts, buf, offset, capLen, wireLen) -> { });
      }
      counters = c.snapshot();
    } else {
      throw new IllegalArgumentException("unknown listener " + listener);
    }
    Map<String, Long> picked = new LinkedHashMap<>();
    for (String name : COUNTERS) {
      picked.put(name, counters.getOrDefault(name, 0L));
    }
    out.println(RESULT_PREFIX + BenchWorker.JSON.writeValueAsString(picked));
    out.flush();
  }

  /** Announces the open capture and arranges for {@code stop} on a stdin line, its end or the limit. */
  private static void ready(PrintStream out, Runnable stop, int maxSeconds) {
    out.println(READY);
    out.flush();
    daemon("bench-stdin", () -> {
      InputStream in = System.in;
      try {
        while (true) {
          int b = in.read();
          if (b == -1 || b == '\n') {
            break;
          }
        }
      } catch (IOException e) {
        // a closed stdin means stop as well
      }
      stop.run();
    });
    daemon("bench-limit", () -> {
      try {
        Thread.sleep(maxSeconds * 1000L);
        stop.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  private static void daemon(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    t.start();
  }
}
