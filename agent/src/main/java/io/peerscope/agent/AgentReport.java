package io.peerscope.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one run of the agent did, for the final lines on stderr and for tests.
 *
 * @param counters every counter at the end, by dotted name
 * @param captureStart capture time of the first frame (null: no frame)
 * @param captureEnd capture time of the last frame
 * @param elapsed wall time of the run
 */
public record AgentReport(
    Map<String, Long> counters, Instant captureStart, Instant captureEnd, Duration elapsed) {

  public long counter(String name) {
    return counters.getOrDefault(name, 0L);
  }

  /** Parse and decode errors of every layer, summed over their reasons. */
  public long errors() {
    return counters.entrySet().stream()
        .filter(e -> isError(e.getKey()))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /** One line: frames, bytes, transactions, findings, errors, time and rate. */
  public String summaryLine() {
    long frames = counter("capture.frames");
    double seconds = Math.max(elapsed.toNanos() / 1e9, 1e-9);
    return String.format(
        Locale.ROOT,
        "peerscope agent: %d frames, %.1f MB, %d DNS transactions, %d finding emissions, %d errors counted"
            + " in %.2f s (%.0f frames/s)",
        frames,
        counter("capture.bytes") / 1e6,
        counter("dns.transactions"),
        counter("findings.emitted"),
        errors(),
        seconds,
        frames / seconds);
  }

  /** Every counter that is not zero, as name=value pairs. */
  public String countersLine() {
    return counters.entrySet().stream()
        .filter(e -> e.getValue() != 0)
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(" ", "peerscope agent: counters ", ""));
  }

  /** Counters of input that was damaged or hostile (not of traffic merely out of scope). */
  static boolean isError(String name) {
    return ERRORS.contains(name) || name.contains("parse_errors");
  }

  private static final java.util.Set<String> ERRORS =
      java.util.Set.of(
          "capture.truncated_records",
          "capture.malformed_records",
          "decode.truncated",
          "decode.unsupported_link_type",
          "decode.vlan_too_deep",
          "decode.bad_ip_header",
          "decode.ipv6_extension_chain_too_long",
          "decode.bad_udp_header",
          "decode.bad_tcp_header",
          "decode.bad_fragment",
          "decode.fragment_too_large");
}
