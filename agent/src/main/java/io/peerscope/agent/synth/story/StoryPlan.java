package io.peerscope.agent.synth.story;

import java.time.Instant;

/**
 * Size and seed of a story capture. {@link #full()} is the three weeks of issue 4; {@link
 * #small()} plays the same planted story over a thinner background, for the demo.
 *
 * @param seed drives every random choice: the same plan gives the same capture, byte for byte
 * @param start first instant of the capture (a Monday 00:00 UTC keeps weekdays aligned)
 * @param days length of the capture; the planted story needs 21
 * @param backgroundResolvers resolvers that ask the popular names, at least 40 (each its own
 *     organisation, except a group of up to 40 in one IPv4 /24)
 * @param popularNames names the background asks, with Zipf-like popularity
 * @param lookupsPerResolverPerDay mean background lookups per resolver per day
 * @param floodNames unique random subdomains mixed in over the whole capture (0 for none)
 */
public record StoryPlan(
    long seed,
    Instant start,
    int days,
    int backgroundResolvers,
    int popularNames,
    double lookupsPerResolverPerDay,
    long floodNames) {

  public static final Instant DEFAULT_START = Instant.parse("2016-05-02T00:00:00Z");

  public StoryPlan {
    if (days < 21) {
      throw new IllegalArgumentException("the story needs 21 days, got " + days);
    }
    // the controls draw their askers from the background: it needs 40 resolvers
    if (backgroundResolvers < 40 || popularNames < 5 || lookupsPerResolverPerDay <= 0
        || floodNames < 0) {
      throw new IllegalArgumentException(
          "a story needs at least 40 background resolvers, 5 popular names and no negative flood");
    }
  }

  /** Three weeks, 300 resolvers, 60 popular names, about 75,000 background lookups. */
  public static StoryPlan full() {
    return new StoryPlan(20160502L, DEFAULT_START, 21, 300, 60, 12, 0);
  }

  /** The same story over 40 resolvers: a few seconds to write and replay. */
  public static StoryPlan small() {
    return new StoryPlan(20160502L, DEFAULT_START, 21, 40, 12, 6, 0);
  }

  public StoryPlan withFlood(long names) {
    return new StoryPlan(seed, start, days, backgroundResolvers, popularNames,
        lookupsPerResolverPerDay, names);
  }

  public StoryPlan withSeed(long s) {
    return new StoryPlan(s, start, days, backgroundResolvers, popularNames,
        lookupsPerResolverPerDay, floodNames);
  }

  long startMicros() {
    return start.getEpochSecond() * 1_000_000L;
  }
}
