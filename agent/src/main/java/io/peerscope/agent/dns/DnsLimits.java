package io.peerscope.agent.dns;

/**
 * Caps and timeouts of the DNS layer: memory is bounded by these numbers, never by traffic.
 *
 * @param maxPending queries waiting for a response; when full the oldest is logged unanswered
 * @param queryTimeoutMicros capture time after which a query is logged unanswered
 * @param maxAnswersPerMessage answer records rendered per message (the rest are not logged)
 * @param maxTcpMessage largest DNS message accepted on TCP; the 2-byte prefix allows 65535
 * @param maxTcpBufferedBytes bytes all TCP connections together may hold for split messages
 */
public record DnsLimits(
    int maxPending,
    long queryTimeoutMicros,
    int maxAnswersPerMessage,
    int maxTcpMessage,
    long maxTcpBufferedBytes) {

  public static final DnsLimits DEFAULTS = new DnsLimits(65_536, 10_000_000L, 100, 65_535, 16L << 20);

  /** The limits with the default TCP buffer budget. */
  public DnsLimits(int maxPending, long queryTimeoutMicros, int maxAnswersPerMessage, int maxTcpMessage) {
    this(maxPending, queryTimeoutMicros, maxAnswersPerMessage, maxTcpMessage, 16L << 20);
  }

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
    if (maxTcpBufferedBytes < maxTcpMessage) {
      throw new IllegalArgumentException(
          "dns TCP buffer budget must hold at least one message of " + maxTcpMessage + " bytes: " + maxTcpBufferedBytes);
    }
  }

  public DnsLimits withMaxPending(int n) {
    return new DnsLimits(n, queryTimeoutMicros, maxAnswersPerMessage, maxTcpMessage, maxTcpBufferedBytes);
  }

  public DnsLimits withQueryTimeoutMicros(long micros) {
    return new DnsLimits(maxPending, micros, maxAnswersPerMessage, maxTcpMessage, maxTcpBufferedBytes);
  }
}
