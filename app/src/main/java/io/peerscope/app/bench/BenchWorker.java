package io.peerscope.app.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One measurement in a JVM of its own, started by {@link WorkerJvm}: no contender inherits
 * another's heap, garbage or compiled code. Arguments: contender, capture file, expected packets
 * (or {@code live IFACE LISTENER MAX_SECONDS STATE_DIR} for the capturing end of {@link LiveCaptureRun}).
 * The result is one line on stdout, {@value #RESULT_PREFIX} followed by the {@link RunResult} as
 * JSON; anything else the JVM prints is diagnostics.
 */
public final class BenchWorker {
  static final String RESULT_PREFIX = "bench-result ";
  static final ObjectMapper JSON = new ObjectMapper();
  /** First argument of a live capture run: {@code live IFACE LISTENER MAX_SECONDS STATE_DIR}. */
  static final String LIVE = "live";
  /** Reads of the file before the measured ones. */
  static final int WARM_UP_READS = 2;
  /** Reads measured after those: the one of median speed is reported. */
  static final int MEASURED_READS = 3;
  static final String LIBPCAP_MISSING = "libpcap is not installed (apt-get install libpcap0.8)";

  private BenchWorker() {}

  private static RunResult measure(String contender, Path file, long expected) throws Exception {
    return switch (contender) {
      case PeerscopeReplay.OWN_READER, PeerscopeReplay.TABLES_FULL, PeerscopeReplay.PCAP4J_FED ->
          PeerscopeReplay.run(contender, file, expected);
      case Pcap4jRawReader.NAME -> Pcap4jRawReader.run(file);
      case NaiveBaseline.NAME -> NaiveBaseline.run(file);
      default -> throw new IllegalArgumentException("unknown contender " + contender);
    };
  }

  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    if (args.length == 5 && args[0].equals(LIVE)) {
      LiveCaptureRun.run(args[1], args[2], Integer.parseInt(args[3]), Path.of(args[4]), out);
      System.exit(0);
    }
    if (args.length < 3) {
      System.err.println("usage: BenchWorker CONTENDER FILE EXPECTED_PACKETS");
      System.exit(2);
    }
    String contender = args[0];
    Path file = Path.of(args[1]);
    long expected = Long.parseLong(args[2]);
    RunResult result;
    try {
      // the first reads are the JIT's: it compiles the hot path while running it interpreted,
      // then recompiles it with what it learnt, for seconds of a run this short. A sensor runs
      // for months at the speed of compiled code, so the reads after WARM_UP_READS are the
      // ones measured (as JMH measures after its warm-up iterations); the note says the earlier ones.
      List<RunResult> warmUp = new ArrayList<>();
      result = measure(contender, file, expected);
      while (result.available() && warmUp.size() < WARM_UP_READS) {
        warmUp.add(result);
        result = measure(contender, file, expected);
      }
      if (result.available()) {
        // a machine shared with other work slows single reads by a third now and then: the
        // median of a few keeps one such read from setting a contender's figure
        List<RunResult> measured = new ArrayList<>(List.of(result));
        while (measured.size() < MEASURED_READS) {
          RunResult next = measure(contender, file, expected);
          if (!next.available()) {
            break;
          }
          measured.add(next);
        }
        result = RunResult.median(measured).afterWarmUp(warmUp, measured);
      }
    } catch (LinkageError e) {
      // pcap4j loads libpcap through JNA on first use: without it, say so in one line, as the
      // table does for tshark and tcpdump, instead of a stack trace naming the class path
      result = RunResult.unavailable(contender, LIBPCAP_MISSING);
    }
    out.println(RESULT_PREFIX + JSON.writeValueAsString(result));
    out.flush();
    // the agent's timer and pcap4j's threads must not keep this JVM alive
    System.exit(0);
  }
}
