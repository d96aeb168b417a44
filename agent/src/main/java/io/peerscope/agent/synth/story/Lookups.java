package io.peerscope.agent.synth.story;

import io.peerscope.agent.decode.IpAddress;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/** Builds {@link StoryLookup}s with random ids, ports and round-trip times. */
final class Lookups {
  static final int A = 1;
  static final int AAAA = 28;
  static final int TXT = 16;
  static final long HOUR = 3_600_000_000L;
  static final long DAY = 24 * HOUR;

  private Lookups() {}

  static StoryLookup answered(SplittableRandom r, long ts, IpAddress client, String name,
      int qtype, List<String> answers, List<Integer> types, long ttl) {
    List<Long> ttls = answers.stream().map(a -> ttl).toList();
    return new StoryLookup(ts, client, port(r), r.nextInt(65536), name, qtype, true, 0, answers,
        types, ttls, rtt(r));
  }

  /** An A lookup answered with one address, or an AAAA lookup answered with no data. */
  static StoryLookup address(SplittableRandom r, long ts, IpAddress client, String name,
      int qtype, String address, long ttl) {
    if (qtype == AAAA && !address.contains(":")) {
      return answered(r, ts, client, name, qtype, List.of(), List.of(), ttl);
    }
    return answered(r, ts, client, name, qtype, List.of(address), List.of(qtype), ttl);
  }

  static StoryLookup failed(SplittableRandom r, long ts, IpAddress client, String name,
      int qtype, int rcode) {
    return new StoryLookup(ts, client, port(r), r.nextInt(65536), name, qtype, true, rcode,
        List.of(), List.of(), List.of(), rtt(r));
  }

  /** Poisson-many uniform times in [from, to) of day d; emits them via out. */
  static void times(SplittableRandom r, long dayStart, double mean, long fromHour, long toHour,
      Consumer<Long> out) {
    int n = poisson(r, mean);
    for (int i = 0; i < n; i++) {
      long span = (toHour - fromHour) * HOUR;
      out.accept(dayStart + fromHour * HOUR + (long) (r.nextDouble() * span));
    }
  }

  static int poisson(SplittableRandom r, double mean) {
    // Knuth's method; means here are small (below 50)
    double l = Math.exp(-mean);
    int k = 0;
    double p = 1;
    do {
      k++;
      p *= r.nextDouble();
    } while (p > l && k < 1000);
    return k - 1;
  }

  static boolean weekday(long dayStart) {
    long days = Math.floorDiv(dayStart, DAY);
    return Math.floorMod(days + 3, 7) < 5; // the epoch was a Thursday
  }

  private static int port(SplittableRandom r) {
    return 1024 + r.nextInt(64512);
  }

  private static long rtt(SplittableRandom r) {
    return 800 + r.nextInt(30_000);
  }
}
