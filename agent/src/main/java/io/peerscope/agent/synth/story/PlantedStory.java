package io.peerscope.agent.synth.story;

import static io.peerscope.agent.synth.story.StoryCast.*;

import io.peerscope.agent.decode.IpAddress;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The planted story (issue 4, after the 2016 case) and its controls:
 * <ol>
 *   <li>weeks one and two, working days: the bank's two resolvers look up the mail host during
 *       08:00-18:00 of UTC+3; two stray lookups from elsewhere keep it "almost" exclusive;
 *   <li>day 14 (a Monday): the name is removed; the resolvers keep asking for two days and get
 *       NXDOMAIN;
 *   <li>day 18, four days later: a new name on the same address, first asked by one of the
 *       bank's resolvers at 10:12 local time, then by both;
 *   <li>all along: a bot polls its name every five minutes;
 *   <li>control: two mail filters of one organisation check SPF and DMARC of a partner round the
 *       clock (TXT only);
 *   <li>control: a shared name goes quiet and a new name takes its address, first asked by a
 *       stranger.
 * </ol>
 */
final class PlantedStory {
  private final SplittableRandom r;
  private final List<IpAddress> background;
  private final long captureStart;
  private final long captureEnd;
  private long nextPoll;

  PlantedStory(StoryPlan plan, SplittableRandom r, List<IpAddress> background) {
    this.r = r;
    this.background = background;
    this.captureStart = plan.startMicros();
    this.captureEnd = captureStart + plan.days() * Lookups.DAY;
    this.nextPoll = captureStart + 137_000_000L;
  }

  void day(int d, long dayStart, Consumer<StoryLookup> out) {
    mailHost(d, dayStart, out);
    poll(dayStart + Lookups.DAY, out);
    policyControl(dayStart, out);
    sharedControl(d, dayStart, out);
  }

  private void mailHost(int d, long dayStart, Consumer<StoryLookup> out) {
    if (!Lookups.weekday(dayStart)) {
      return;
    }
    // office hours 08:00-18:00 at UTC+3 are 05:00-15:00 UTC
    long from = 8 - BANK_UTC_OFFSET;
    long to = 18 - BANK_UTC_OFFSET;
    for (IpAddress resolver : List.of(BANK_RESOLVER_1, BANK_RESOLVER_2)) {
      if (d < REMOVAL_DAY) {
        Lookups.times(r, dayStart, 22, from, to, ts -> out.accept(Lookups.address(r, ts,
            resolver, MAIL_HOST, r.nextInt(7) == 0 ? Lookups.AAAA : Lookups.A, MAIL_ADDRESS,
            300)));
      } else if (d < REMOVAL_DAY + 2) {
        Lookups.times(r, dayStart, 10, from, to, ts ->
            out.accept(Lookups.failed(r, ts, resolver, MAIL_HOST, Lookups.A, 3)));
      } else if (d == RENAME_DAY) {
        long first = dayStart + 7 * Lookups.HOUR + 12 * 60_000_000L + 33_000_000L;
        if (resolver.equals(BANK_RESOLVER_2)) {
          out.accept(Lookups.address(r, first, resolver, NEW_NAME, Lookups.A, MAIL_ADDRESS, 300));
        }
        Lookups.times(r, dayStart, 8, 8, to, ts -> out.accept(
            Lookups.address(r, ts, resolver, NEW_NAME, Lookups.A, MAIL_ADDRESS, 300)));
      }
    }
    if (d == 3 || d == 8) {
      // strays: someone else looked the name up once
      IpAddress stray = background.get(20 + d);
      out.accept(Lookups.address(r, dayStart + 13 * Lookups.HOUR, stray, MAIL_HOST, Lookups.A,
          MAIL_ADDRESS, 300));
    }
  }

  private void poll(long until, Consumer<StoryLookup> out) {
    while (nextPoll < until && nextPoll < captureEnd) {
      out.accept(Lookups.address(r, nextPoll, POLLING_BOT, POLLED_NAME, Lookups.A,
          POLLED_ADDRESS, 60));
      nextPoll += (POLL_PERIOD_SECONDS - 3) * 1_000_000L + r.nextInt(6_000_001);
    }
  }

  private void policyControl(long dayStart, Consumer<StoryLookup> out) {
    for (IpAddress filter : List.of(MAIL_FILTER_1, MAIL_FILTER_2)) {
      Lookups.times(r, dayStart, 32, 0, 24, ts -> {
        boolean dmarc = r.nextInt(10) < 3;
        out.accept(Lookups.answered(r, ts, filter, dmarc ? POLICY_DMARC : POLICY_DOMAIN,
            Lookups.TXT, List.of(dmarc ? "v=DMARC1; p=reject" : "v=spf1 ip4:198.51.100.0/24 -all"),
            List.of(Lookups.TXT), 3600));
      });
    }
  }

  private void sharedControl(int d, long dayStart, Consumer<StoryLookup> out) {
    if (d < 10) {
      for (int i = 0; i < 8; i++) {
        IpAddress client = background.get(i);
        Lookups.times(r, dayStart, 3, 6, 20, ts -> out.accept(Lookups.address(r, ts, client,
            SHARED_OLD_NAME, Lookups.A, SHARED_ADDRESS, 3600)));
      }
    } else if (d >= 13) {
      if (d == 13) {
        out.accept(Lookups.address(r, dayStart + 9 * Lookups.HOUR, STRANGER, SHARED_NEW_NAME,
            Lookups.A, SHARED_ADDRESS, 3600));
      }
      for (int i = 10; i < 16; i++) {
        IpAddress client = background.get(i);
        Lookups.times(r, dayStart, 2, 10, 20, ts -> out.accept(Lookups.address(r, ts, client,
            SHARED_NEW_NAME, Lookups.A, SHARED_ADDRESS, 3600)));
      }
      Lookups.times(r, dayStart, 2, 10, 20, ts -> out.accept(Lookups.address(r, ts, STRANGER,
          SHARED_NEW_NAME, Lookups.A, SHARED_ADDRESS, 3600)));
    }
  }
}
