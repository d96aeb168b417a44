package io.peerscope.agent.track;

import java.time.Duration;

/**
 * Thresholds and budgets of DNS relationship tracking. Every table is capped from {@link
 * #budgetMb}; detectors read their thresholds here. {@link #defaults()} documents the values the
 * agent runs with when the configuration file says nothing.
 *
 * @param budgetMb memory for all tracking tables together, in MiB (128: fits beside the rest of
 *     the agent on a Raspberry Pi with 1 GB of RAM)
 * @param orgPrefixV4 prefix length that groups IPv4 clients into one organisation (24)
 * @param orgPrefixV6 prefix length that groups IPv6 clients into one organisation (48)
 * @param sweepInterval how often (capture time) detectors re-examine the tables (1 h)
 * @param reemitInterval a finding whose evidence grew is sent again at most this often (1 h)
 * @param maxFindingsPerHour new findings per hour of capture time beyond which the rest wait for
 *     the next sweep, counted in {@code track.findings.rate_limited} (200)
 * @param exclusiveMinQueries lookups a name needs before it can be an exclusive peer (50)
 * @param exclusiveMinDays distinct UTC days with lookups before it can be one (5)
 * @param exclusiveTopClients how many top clients together must hold the share (3)
 * @param exclusiveMinShare share of lookups held by the top clients, or by the top organisation
 *     (0.9)
 * @param exclusiveMaxPolicyShare above this share of SPF/DMARC/DKIM/TXT lookups a name is mail
 *     policy checked by spam filters and not reported (0.8)
 * @param severedMinAnswers successful answers before a name counts as resolving steadily (20)
 * @param severedMinDays distinct days with successful answers before that (3)
 * @param severedMinFailures consecutive failures (NXDOMAIN, SERVFAIL, REFUSED, no answer) that
 *     make the link severed (3)
 * @param renamedMinGap the earlier name must have stopped resolving to the address at least this
 *     long before the new name appears (1 day): a second name served alongside the first is normal
 * @param renamedWarmup names first seen in this time after tracking started are not new: every
 *     name is new to an empty tracker (1 day)
 * @param renamedMaxNamesPerAddress an address that served more names than this is shared hosting
 *     and not evidence of a rename (4)
 * @param beaconMinCount lookups by one client for one name before periodicity is judged (24)
 * @param beaconMinScore score (0..1) from gap skew, gap spread, count and duration (0.8)
 * @param beaconMaxJitter median absolute deviation of gaps relative to the period (0.1)
 * @param beaconMinPeriod shorter gaps are retries or bursts, not polling (10 s)
 * @param rhythmMinEvents lookups before a rhythm is classified at all (24)
 * @param officeMinShare share of lookups inside the local working week (Mon-Fri 07-19) for the
 *     office-hours class (0.85)
 */
public record TrackConfig(
    int budgetMb,
    int orgPrefixV4,
    int orgPrefixV6,
    Duration sweepInterval,
    Duration reemitInterval,
    int maxFindingsPerHour,
    int exclusiveMinQueries,
    int exclusiveMinDays,
    int exclusiveTopClients,
    double exclusiveMinShare,
    double exclusiveMaxPolicyShare,
    int severedMinAnswers,
    int severedMinDays,
    int severedMinFailures,
    Duration renamedMinGap,
    Duration renamedWarmup,
    int renamedMaxNamesPerAddress,
    int beaconMinCount,
    double beaconMinScore,
    double beaconMaxJitter,
    Duration beaconMinPeriod,
    int rhythmMinEvents,
    double officeMinShare) {

  /** The most top clients a name keeps: exclusive_top_clients cannot ask for more. */
  public static final int MAX_TOP_CLIENTS = TopClients.CAPACITY;
  /** The most names an address keeps: renamed_max_names_per_address cannot ask for more. */
  public static final int MAX_NAMES_PER_ADDRESS = AddressRecord.CAPACITY;

  public TrackConfig {
    require(budgetMb >= 4 && budgetMb <= 65_536, "budget_mb must be 4..65536");
    require(orgPrefixV4 >= 8 && orgPrefixV4 <= 32, "org_prefix_v4 must be 8..32");
    require(orgPrefixV6 >= 16 && orgPrefixV6 <= 128, "org_prefix_v6 must be 16..128");
    require(positive(sweepInterval) && positive(reemitInterval), "intervals must be positive");
    require(maxFindingsPerHour > 0, "max_findings_per_hour must be positive");
    require(exclusiveTopClients >= 1 && exclusiveTopClients <= MAX_TOP_CLIENTS,
        "exclusive_top_clients must be 1.." + MAX_TOP_CLIENTS);
    require(share(exclusiveMinShare) && share(exclusiveMaxPolicyShare), "shares must be 0..1");
    require(share(beaconMinScore) && share(officeMinShare), "scores must be 0..1");
    require(beaconMaxJitter > 0, "beacon_max_jitter must be positive");
    require(beaconMinCount >= 4, "beacon_min_count must be at least 4");
    require(renamedMaxNamesPerAddress >= 2 && renamedMaxNamesPerAddress <= MAX_NAMES_PER_ADDRESS,
        "renamed_max_names_per_address must be 2.." + MAX_NAMES_PER_ADDRESS);
    require(renamedMinGap != null && renamedWarmup != null && beaconMinPeriod != null,
        "durations must be set");
  }

  public static TrackConfig defaults() {
    return new TrackConfig(
        128,
        24,
        48,
        Duration.ofHours(1),
        Duration.ofHours(1),
        200,
        50,
        5,
        3,
        0.9,
        0.8,
        20,
        3,
        3,
        Duration.ofDays(1),
        Duration.ofDays(1),
        4,
        24,
        0.8,
        0.1,
        Duration.ofSeconds(10),
        24,
        0.85);
  }

  /** The same configuration with another memory budget. */
  public TrackConfig withBudgetMb(int mb) {
    return new TrackConfig(mb, orgPrefixV4, orgPrefixV6, sweepInterval, reemitInterval,
        maxFindingsPerHour, exclusiveMinQueries, exclusiveMinDays, exclusiveTopClients,
        exclusiveMinShare, exclusiveMaxPolicyShare, severedMinAnswers, severedMinDays,
        severedMinFailures, renamedMinGap, renamedWarmup, renamedMaxNamesPerAddress,
        beaconMinCount, beaconMinScore, beaconMaxJitter, beaconMinPeriod, rhythmMinEvents,
        officeMinShare);
  }

  public long budgetBytes() {
    return budgetMb * 1024L * 1024L;
  }

  private static boolean positive(Duration d) {
    return d != null && !d.isNegative() && !d.isZero();
  }

  private static boolean share(double v) {
    return v >= 0 && v <= 1;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
