package io.peerscope.agent.synth.story;

import io.peerscope.agent.dns.DnsTransaction;
import io.peerscope.agent.dns.DnsTransactionListener;

/**
 * The story as the DNS transaction layer would report it, without writing and parsing a capture:
 * for tracker tests that need millions of lookups quickly.
 */
public final class StoryTransactions {
  private StoryTransactions() {}

  public static long play(StoryPlan plan, DnsTransactionListener out) {
    return new StoryScript(plan).play(l -> out.onTransaction(of(l)));
  }

  public static DnsTransaction of(StoryLookup l) {
    return new DnsTransaction(
        l.tsMicros(), l.client(), l.clientPort(), StoryCast.server(l.client()), 53, "udp",
        l.id(),
        l.answered() ? l.rttMicros() : null, l.name(), 1, l.qtype(), typeName(l.qtype()),
        l.answered() ? l.rcode() : null, l.answered() ? rcodeName(l.rcode()) : null,
        false, false, true, l.answered(), 0, l.answers(), l.ttls(), l.answerTypes(), true,
        l.answered());
  }

  private static String typeName(int t) {
    return switch (t) {
      case 1 -> "A";
      case 28 -> "AAAA";
      case 16 -> "TXT";
      default -> "TYPE" + t;
    };
  }

  private static String rcodeName(int r) {
    return switch (r) {
      case 0 -> "NOERROR";
      case 3 -> "NXDOMAIN";
      case 2 -> "SERVFAIL";
      default -> "RCODE" + r;
    };
  }
}
