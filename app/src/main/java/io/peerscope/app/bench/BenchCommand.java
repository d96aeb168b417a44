package io.peerscope.app.bench;

import io.peerscope.app.Main;
import io.peerscope.app.UsageProblem;
import io.peerscope.app.Version;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code peerscope bench}: the throughput benchmark of issue 5, and the live drop test. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    description = {
      // one string per paragraph: picocli wraps them to the terminal's width
      "Generates (or reuses) the dns, mixed and flood workload captures and reads each with "
          + "peerscope's agent pipeline, the same under a tracking budget the workload fills (its "
          + "steady state's allocation), the same pipeline behind pcap4j's loop, pcap4j alone, a naive "
          + "pcap4j + dnsjava reader, tshark and tcpdump; prints one table per workload with "
          + "packets/s, ns/packet, bytes allocated per packet and heap, and peerscope's ratios.",
      "Every JVM contender runs in a fresh JVM with this JVM's heap, collector and page-size "
          + "options (bin/peerscope gives it the systemd unit's unless PEERSCOPE_JAVA_OPTS is set) and "
          + "reads the file five times: two warm up the JIT compiler, the median of the other three is "
          + "reported. tcpdump is the median of three runs, tshark (the slowest by far) one run. "
          + "Progress goes to stderr.",
      "With --live (root, iproute2, tcpreplay): replays the dns workload onto a veth between two "
          + "network namespaces at --rate packets/s while the agent captures live on the far end, and "
          + "reports packets sent, seen and dropped."
    })
public final class BenchCommand implements Callable<Integer> {
  @Option(names = "--quick", description = "100 thousand packets per workload instead of 2 million: a smoke run in under a minute.")
  boolean quick;

  @Option(names = "--json", description = "End with one line: the results as a JSON object.")
  boolean json;

  @Option(names = "--dir", paramLabel = "DIR", description = "Where the workload captures are generated and reused (default: ${DEFAULT-VALUE}).")
  Path dir = Path.of(System.getProperty("java.io.tmpdir"), "peerscope-bench");

  @Option(names = "--workload", paramLabel = "NAME", split = ",", description = "Only these workloads: dns, mixed, flood (default: all).")
  List<String> workloads = Arrays.asList(Workloads.NAMES);

  @Option(names = "--live", description = "Run the live-capture drop test instead of the file benchmark.")
  boolean live;

  @Option(names = "--rate", paramLabel = "PPS", description = "Packets per second for --live (default: ${DEFAULT-VALUE}).")
  int rate = LiveDropBench.DEFAULT_RATE;

  @Override
  public Integer call() throws Exception {
    for (String w : workloads) {
      if (!Arrays.asList(Workloads.NAMES).contains(w)) {
        throw new UsageProblem("--workload: unknown workload '" + w + "'; known: dns, mixed, flood");
      }
    }
    PrintStream out = System.out;
    PrintStream err = System.err;
    long packets = Workloads.packets(quick);
    Map<String, Object> result;
    if (live) {
      if (rate < 1_000 || rate > 10_000_000) {
        throw new UsageProblem("--rate: must be 1000..10000000 packets/s, got " + rate);
      }
      LiveDropBench.requirePrerequisites();
      result = new LiveDropBench(dir, packets, rate, out, err).run();
    } else {
      result = new Bench(dir, packets, workloads, out, err).run();
    }
    if (json) {
      out.println(Bench.toJson(result));
    }
    return Main.OK;
  }
}
