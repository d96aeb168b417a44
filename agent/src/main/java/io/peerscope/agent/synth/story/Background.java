package io.peerscope.agent.synth.story;

import io.peerscope.agent.decode.IpAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Ordinary traffic: hundreds of resolvers asking popular names at random times, and a few typos
 * answered NXDOMAIN. The bank's resolvers are among them: they ask popular names too.
 */
final class Background {
  private final StoryPlan plan;
  private final SplittableRandom r;
  final List<IpAddress> resolvers = new ArrayList<>();
  /** The resolvers that are each an organisation of their own (one IPv6 /48 each). */
  final List<IpAddress> loners = new ArrayList<>();
  private final double[] cumulative;

  Background(StoryPlan plan, SplittableRandom r) {
    this.plan = plan;
    this.r = r;
    int v4 = Math.min(40, plan.backgroundResolvers() / 5);
    for (int i = 0; i < plan.backgroundResolvers(); i++) {
      IpAddress a = i < v4
          ? IpAddress.parse("192.0.2." + (100 + i))
          : IpAddress.parse("2001:db8:" + Integer.toHexString(0x1000 + i) + "::53");
      resolvers.add(a);
      if (i >= v4) {
        loners.add(a);
      }
    }
    resolvers.add(StoryCast.BANK_RESOLVER_1);
    resolvers.add(StoryCast.BANK_RESOLVER_2);
    // Zipf-like popularity: weight 1/k^0.8
    cumulative = new double[plan.popularNames()];
    double sum = 0;
    for (int k = 0; k < cumulative.length; k++) {
      sum += 1 / Math.pow(k + 1, 0.8);
      cumulative[k] = sum;
    }
    for (int k = 0; k < cumulative.length; k++) {
      cumulative[k] /= sum;
    }
  }

  static String popular(int k) {
    return "www.site" + (k + 1) + ".example";
  }

  static String popularV4(int k) {
    return "198.51.100." + (150 + (k % 100));
  }

  static String popularV6(int k) {
    return "2001:db8:ffff::" + Integer.toHexString(k + 1);
  }

  void day(long dayStart, Consumer<StoryLookup> out) {
    for (IpAddress client : resolvers) {
      Lookups.times(r, dayStart, plan.lookupsPerResolverPerDay(), 0, 24, ts -> {
        int k = pick();
        boolean v6 = r.nextInt(5) == 0;
        out.accept(Lookups.address(r, ts, client, popular(k), v6 ? Lookups.AAAA : Lookups.A,
            v6 ? popularV6(k) : popularV4(k), 300));
      });
    }
    int typos = 3 + r.nextInt(4);
    for (int i = 0; i < typos; i++) {
      IpAddress client = resolvers.get(r.nextInt(resolvers.size()));
      long ts = dayStart + (long) (r.nextDouble() * Lookups.DAY);
      String name = "wwww" + r.nextInt(1000) + ".site" + (1 + r.nextInt(plan.popularNames()))
          + ".example";
      out.accept(Lookups.failed(r, ts, client, name, Lookups.A, 3));
    }
  }

  private int pick() {
    double u = r.nextDouble();
    for (int k = 0; k < cumulative.length; k++) {
      if (u < cumulative[k]) {
        return k;
      }
    }
    return cumulative.length - 1;
  }
}
