package io.peerscope.agent.synth.story;

import io.peerscope.agent.decode.IpAddress;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A random-subdomain ("water torture") flood: unique names under one domain, asked through a
 * thousand different clients and answered NXDOMAIN, spread evenly over the capture.
 */
final class Flood {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final int CLIENTS = 1000;

  private final SplittableRandom r;
  private final long perDay;
  private final long remainder;
  private final IpAddress[] clients = new IpAddress[CLIENTS];

  Flood(StoryPlan plan, SplittableRandom r) {
    this.r = r;
    this.perDay = plan.floodNames() / plan.days();
    this.remainder = plan.floodNames() % plan.days();
    for (int i = 0; i < CLIENTS; i++) {
      clients[i] = new IpAddress(0x2001_0db8_f100_0000L | i, 0x53);
    }
  }

  long count(int day) {
    return perDay + (day == 0 ? remainder : 0);
  }

  /** The i-th of n flood lookups of a day, evenly spaced. */
  StoryLookup lookup(long dayStart, long i, long n) {
    long ts = dayStart + (long) ((i + 0.5) * (Lookups.DAY / (double) n));
    char[] label = new char[16];
    long bits = r.nextLong();
    for (int k = 0; k < 16; k++) {
      label[k] = HEX[(int) (bits >>> (4 * k)) & 0xf];
    }
    String name = new String(label) + "." + StoryCast.FLOOD_DOMAIN;
    return new StoryLookup(ts, clients[r.nextInt(CLIENTS)], 1024 + r.nextInt(64512),
        r.nextInt(65536), name, Lookups.A, true, 3, List.of(), List.of(), List.of(), 500);
  }
}
