package io.peerscope.microbench;

import io.peerscope.agent.decode.IpAddress;
import io.peerscope.agent.detect.DnsDetectors;
import io.peerscope.agent.dns.DnsTransaction;
import io.peerscope.agent.metrics.Counters;
import io.peerscope.agent.track.DnsTracker;
import io.peerscope.agent.track.TrackConfig;
import io.peerscope.agent.track.TrackerState;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One answered transaction through the relationship tracker and its detectors: the work per DNS
 * response once a transaction leaves the table. Names and clients repeat (a few thousand of each,
 * as on a site network), so after warm-up the tables hold them and the steady state is lookups and
 * counter updates; the flood variant makes every name new, the worst case for the tables.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class DnsTrackerBench {
  private static final int DISTINCT = 4096;
  private static final int ROUNDS = 32;
  private final IpAddress server = IpAddress.parse("192.0.2.53");
  private DnsTracker tracker;
  private DnsTransaction[] site;
  private final SplittableRandom rnd = new SplittableRandom(7);
  private long now = 1_700_000_000_000_000L;
  private int next;

  @Setup
  public void setUp(Blackhole bh) {
    Counters counters = new Counters();
    TrackConfig config = TrackConfig.defaults();
    TrackerState state = new TrackerState(config, counters);
    tracker = new DnsTracker(state, new DnsDetectors("bench", config, counters, bh::consume), counters);
    DnsTransaction[] names = new DnsTransaction[DISTINCT];
    for (int i = 0; i < DISTINCT; i++) {
      names[i] = answered("host" + i + ".zone" + (i % 97) + ".example", IpAddress.ofV4(0x0a00_0000 | (1 + i % 1500)), i);
    }
    // each name once per round, a millisecond apart: rounds of a site's lookups over two minutes
    site = new DnsTransaction[DISTINCT * ROUNDS];
    for (int r = 0; r < ROUNDS; r++) {
      for (int i = 0; i < DISTINCT; i++) {
        now += 1_000;
        site[r * DISTINCT + i] = retimed(names[i]);
      }
    }
  }

  @Benchmark
  public void siteTraffic() {
    // made in setup, so that what is measured allocates only what the tracker allocates; time
    // restarts with each pass over them, which the tracker takes as late packets
    tracker.onTransaction(site[next++ & (site.length - 1)]);
  }

  @Benchmark
  public void randomSubdomainFlood() {
    now += 100;
    char[] label = new char[12];
    for (int k = 0; k < label.length; k++) {
      label[k] = (char) ('a' + rnd.nextInt(26));
    }
    tracker.onTransaction(nxdomain(new String(label) + ".victim.example", IpAddress.ofV4(0x0a02_0000 | rnd.nextInt(65_536))));
  }

  private DnsTransaction retimed(DnsTransaction t) {
    return new DnsTransaction(now, t.client(), t.clientPort(), t.server(), 53, "udp", t.transId(), 120L, t.query(),
        1, 1, "A", 0, "NOERROR", false, false, true, true, 0, t.answers(), t.ttls(), t.answerTypes(), true, true);
  }

  private DnsTransaction answered(String name, IpAddress client, int i) {
    return new DnsTransaction(now, client, 40_000, server, 53, "udp", i, 120L, name, 1, 1, "A", 0, "NOERROR",
        false, false, true, true, 0, List.of("203.0.113." + (i & 0xff)), List.of(300L), List.of(1), true, true);
  }

  private DnsTransaction nxdomain(String name, IpAddress client) {
    return new DnsTransaction(now, client, 40_000, server, 53, "udp", 1, 120L, name, 1, 1, "A", 3, "NXDOMAIN",
        false, false, true, true, 0, List.of(), List.of(), List.of(), true, true);
  }
}
