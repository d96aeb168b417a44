package io.peerscope.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.peerscope.agent.decode.IpAddress;
import io.peerscope.agent.metrics.Counters;
import io.peerscope.agent.track.NameRecord;
import io.peerscope.agent.track.TrackConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A hash-collision flood through the tracker: 32,768 names that all share one String.hashCode,
 * built from blocks that lower-casing leaves alone ("a[" and "b<", both 3098), as an attacker
 * would put them in labels on the wire (RFC 2181 11: any octet is allowed in a label). The tables
 * key by the names themselves, hashed with a secret of the process rather than String.hashCode,
 * so the names spread over the table and each lookup stays a short probe instead of a scan of one
 * crowded run.
 *
 * <p>The time limit is a guard against the quadratic case (some 5 * 10^8 string comparisons of
 * 45 bytes if the bins were lists), not a measure of speed.
 */
class CollidingNamesTest {
  static final int ROUNDS = 15;
  static final String SUFFIX = ".flood.example";

  static List<String> collidingNames() {
    List<String> names = new ArrayList<>(List.of(""));
    for (int round = 0; round < ROUNDS; round++) {
      List<String> next = new ArrayList<>(names.size() * 2);
      for (String s : names) {
        next.add(s + "a[");
        next.add(s + "b<");
      }
      names = next;
    }
    names.replaceAll(s -> s + SUFFIX);
    return names;
  }

  @Test
  void namesSharingOneHashCodeAreTrackedWithoutDegrading() {
    List<String> names = collidingNames();
    assertThat(names).hasSize(1 << ROUNDS);
    assertThat(names.stream().mapToInt(String::hashCode).distinct().count()).isEqualTo(1);

    Counters counters = new Counters();
    DnsRelationships tracking =
        DnsRelationships.open(
            "edge", TrackConfig.defaults().withBudgetMb(512), counters, f -> { }, null);
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      // each name asked twice by one client: names, pairs (same client, so colliding keys too);
    // the budget holds them all, so every lookup below must find its entry
      for (int i = 0; i < 2; i++) {
        long ts = DetectorScenariosTest.T0 + i * 1_000_000L;
        for (String n : names) {
          tracking.onTransaction(DetectorScenariosTest.unanswered(ts, "192.0.2.66", n));
        }
      }
    });

    assertThat(counters.get("track.transactions")).isEqualTo(2L * names.size());
    assertThat(counters.get("track.names.evicted")).isZero();
    assertThat(tracking.state().sizes().names()).isEqualTo(names.size());
    IpAddress client = IpAddress.parse("192.0.2.66");
    for (String n : List.of(names.get(0), names.get(names.size() / 2), names.get(names.size() - 1))) {
      NameRecord r = tracking.state().name(n);
      assertThat(r).as(n).isNotNull();
      assertThat(r.queries()).isEqualTo(2);
      assertThat(tracking.state().pair(client, n).count()).isEqualTo(2);
    }
  }
}
