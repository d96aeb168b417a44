package io.peerscope.agent.dns;

/**
 * Caps and timeouts of the DNS layer: memory is bounded by these numbers, never by traffic.
 *
 * @param maxPending queries waiting for a response; when full the oldest is logged unanswered
 * @param queryTimeoutMicros capture time after which a query is logged unanswered
 * @param maxAnswersPerMessage answer records rendered per message (the rest are not logged)
 * @param maxTcpMessage largest DNS message accepted on TCP; the 2-byte prefix allows 65535
 */
public record DnsLimits(
    int maxPending, long queryTimeoutMicros, int maxAnswersPerMessage, int maxTcpMessage) {

  public static final DnsLimits DEFAULTS = new DnsLimits(65_536, 10_000_000L, 100, 65_535);

  public DnsLimits {
    if (maxPending < 1) {
      throw new IllegalArgumentException("dns max pending must be at least 1: " + maxPending);
    }
    if (queryTimeoutMicros < 1) {
      throw new IllegalArgumentException("dns query timeout must be positive: " + queryTimeoutMicros);
    }
    if (maxAnswersPerMessage < 0) {
      throw new IllegalArgumentException("dns max answers must not be negative: " + maxAnswersPerMessage);
    }
    if (maxTcpMessage < DnsParser.HEADER_LENGTH || maxTcpMessage > 65_535) {
      throw new IllegalArgumentException("dns max TCP message must be 12..65535: " + maxTcpMessage);
    }
  }

  public DnsLimits withMaxPending(int n) {
    return new DnsLimits(n, queryTimeoutMicros, maxAnswersPerMessage, maxTcpMessage);
  }

  public DnsLimits withQueryTimeoutMicros(long micros) {
    return new DnsLimits(maxPending, micros, maxAnswersPerMessage, maxTcpMessage);
  }
}
