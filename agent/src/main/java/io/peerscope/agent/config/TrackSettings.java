package io.peerscope.agent.config;

import static io.peerscope.agent.config.Checks.orDefault;
import static io.peerscope.agent.config.Checks.range;

import io.peerscope.agent.track.TrackConfig;
import java.time.Duration;

/**
 * The {@code track} section: the memory budget of DNS relationship tracking and the thresholds of
 * its detectors. Each key maps onto one field of {@link TrackConfig} (its documentation explains
 * them); durations carry their unit in the key name.
 */
public record TrackSettings(
    Integer budgetMb,
    Integer orgPrefixV4,
    Integer orgPrefixV6,
    Integer sweepIntervalMinutes,
    Integer reemitIntervalMinutes,
    Integer maxFindingsPerHour,
    Integer exclusiveMinQueries,
    Integer exclusiveMinDays,
    Integer exclusiveTopClients,
    Double exclusiveMinShare,
    Double exclusiveMaxPolicyShare,
    Integer severedMinAnswers,
    Integer severedMinDays,
    Integer severedMinFailures,
    Integer renamedMinGapHours,
    Integer renamedWarmupHours,
    Integer renamedMaxNamesPerAddress,
    Integer beaconMinCount,
    Double beaconMinScore,
    Double beaconMaxJitter,
    Integer beaconMinPeriodSeconds,
    Integer rhythmMinEvents,
    Double officeMinShare) {

  private static final TrackConfig D = TrackConfig.defaults();

  public TrackSettings {
    budgetMb = range("track.budget_mb", orDefault(budgetMb, D.budgetMb()), 4, 65_536);
    orgPrefixV4 = range("track.org_prefix_v4", orDefault(orgPrefixV4, D.orgPrefixV4()), 8, 32);
    orgPrefixV6 = range("track.org_prefix_v6", orDefault(orgPrefixV6, D.orgPrefixV6()), 16, 128);
    sweepIntervalMinutes = range("track.sweep_interval_minutes",
        orDefault(sweepIntervalMinutes, (int) D.sweepInterval().toMinutes()), 1, 7 * 24 * 60);
    reemitIntervalMinutes = range("track.reemit_interval_minutes",
        orDefault(reemitIntervalMinutes, (int) D.reemitInterval().toMinutes()), 1, 7 * 24 * 60);
    maxFindingsPerHour = range("track.max_findings_per_hour", orDefault(maxFindingsPerHour, D.maxFindingsPerHour()), 1, 1_000_000);
    exclusiveMinQueries = range("track.exclusive_min_queries", orDefault(exclusiveMinQueries, D.exclusiveMinQueries()), 1, Integer.MAX_VALUE);
    exclusiveMinDays = range("track.exclusive_min_days", orDefault(exclusiveMinDays, D.exclusiveMinDays()), 1, 366);
    exclusiveTopClients = range("track.exclusive_top_clients", orDefault(exclusiveTopClients, D.exclusiveTopClients()), 1, TrackConfig.MAX_TOP_CLIENTS);
    exclusiveMinShare = share("track.exclusive_min_share", orDefault(exclusiveMinShare, D.exclusiveMinShare()));
    exclusiveMaxPolicyShare = share("track.exclusive_max_policy_share", orDefault(exclusiveMaxPolicyShare, D.exclusiveMaxPolicyShare()));
    severedMinAnswers = range("track.severed_min_answers", orDefault(severedMinAnswers, D.severedMinAnswers()), 1, Integer.MAX_VALUE);
    severedMinDays = range("track.severed_min_days", orDefault(severedMinDays, D.severedMinDays()), 1, 366);
    severedMinFailures = range("track.severed_min_failures", orDefault(severedMinFailures, D.severedMinFailures()), 1, 1_000_000);
    renamedMinGapHours = range("track.renamed_min_gap_hours", orDefault(renamedMinGapHours, (int) D.renamedMinGap().toHours()), 0, 24 * 366);
    renamedWarmupHours = range("track.renamed_warmup_hours", orDefault(renamedWarmupHours, (int) D.renamedWarmup().toHours()), 0, 24 * 366);
    renamedMaxNamesPerAddress = range("track.renamed_max_names_per_address",
        orDefault(renamedMaxNamesPerAddress, D.renamedMaxNamesPerAddress()), 2, TrackConfig.MAX_NAMES_PER_ADDRESS);
    beaconMinCount = range("track.beacon_min_count", orDefault(beaconMinCount, D.beaconMinCount()), 4, Integer.MAX_VALUE);
    beaconMinScore = share("track.beacon_min_score", orDefault(beaconMinScore, D.beaconMinScore()));
    beaconMaxJitter = orDefault(beaconMaxJitter, D.beaconMaxJitter());
    if (!(beaconMaxJitter > 0 && beaconMaxJitter <= 10)) {
      throw new ConfigException("track.beacon_max_jitter", "must be above 0 and at most 10, got " + beaconMaxJitter);
    }
    beaconMinPeriodSeconds = range("track.beacon_min_period_seconds",
        orDefault(beaconMinPeriodSeconds, (int) D.beaconMinPeriod().toSeconds()), 1, 7 * 86_400);
    rhythmMinEvents = range("track.rhythm_min_events", orDefault(rhythmMinEvents, D.rhythmMinEvents()), 1, Integer.MAX_VALUE);
    officeMinShare = share("track.office_min_share", orDefault(officeMinShare, D.officeMinShare()));
  }

  public static TrackSettings defaults() {
    return new TrackSettings(null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /** The tracker's own record; limits it checks beyond these (its table capacities) are named too. */
  public TrackConfig toTrackConfig() {
    try {
      return new TrackConfig(
          budgetMb, orgPrefixV4, orgPrefixV6,
          Duration.ofMinutes(sweepIntervalMinutes), Duration.ofMinutes(reemitIntervalMinutes),
          maxFindingsPerHour, exclusiveMinQueries, exclusiveMinDays, exclusiveTopClients,
          exclusiveMinShare, exclusiveMaxPolicyShare, severedMinAnswers, severedMinDays,
          severedMinFailures, Duration.ofHours(renamedMinGapHours), Duration.ofHours(renamedWarmupHours),
          renamedMaxNamesPerAddress, beaconMinCount, beaconMinScore, beaconMaxJitter,
          Duration.ofSeconds(beaconMinPeriodSeconds), rhythmMinEvents, officeMinShare);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("track", e.getMessage(), e);
    }
  }

  private static double share(String key, double v) {
    if (!(v >= 0 && v <= 1)) {
      throw new ConfigException(key, "must be 0..1, got " + v);
    }
    return v;
  }
}
