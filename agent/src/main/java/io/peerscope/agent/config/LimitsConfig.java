package io.peerscope.agent.config;

import static io.peerscope.agent.config.Checks.orDefault;

/**
 * The {@code limits} section: every table the agent keeps is capped here, so memory follows the
 * configuration and never the traffic. Hitting a cap evicts the oldest entry and counts it.
 */
public record LimitsConfig(Fragments fragments, Dns dns, Tcp tcp) {

  public LimitsConfig {
    fragments = orDefault(fragments, new Fragments(null, null, null));
    dns = orDefault(dns, new Dns(null, null, null));
    tcp = orDefault(tcp, new Tcp(null, null, null, null, null));
  }

  public static LimitsConfig defaults() {
    return new LimitsConfig(null, null, null);
  }

  /** IPv4 and IPv6 fragment reassembly. */
  public record Fragments(Integer maxDatagrams, Long maxBytes, Integer timeoutSeconds) {
    public Fragments {
      maxDatagrams = Checks.range("limits.fragments.max_datagrams", orDefault(maxDatagrams, 1024), 1, 1 << 20);
      maxBytes = Checks.range("limits.fragments.max_bytes", orDefault(maxBytes, 16L << 20), 1L << 16, 1L << 32);
      // RFC 791 suggests 15 s as the lower bound of the reassembly timer; Linux uses 30 s
      timeoutSeconds = Checks.range("limits.fragments.timeout_seconds", orDefault(timeoutSeconds, 30), 1, 600);
    }
  }

  /** DNS query/response matching. */
  public record Dns(Integer maxPending, Integer timeoutSeconds, Integer maxTcpMessageBytes) {
    public Dns {
      maxPending = Checks.range("limits.dns.max_pending", orDefault(maxPending, 65_536), 1, 1 << 24);
      timeoutSeconds = Checks.range("limits.dns.timeout_seconds", orDefault(timeoutSeconds, 10), 1, 3_600);
      // RFC 1035 4.2.2: the TCP length prefix is 16 bits
      maxTcpMessageBytes =
          Checks.range("limits.dns.max_tcp_message_bytes", orDefault(maxTcpMessageBytes, 65_535), 512, 65_535);
    }
  }

  /** TCP reassembly (DNS over TCP and SMTP). */
  public record Tcp(
      Integer maxConnections,
      Long maxBytesPerStream,
      Integer maxOutOfOrderBytes,
      Long maxTotalBytes,
      Integer idleTimeoutSeconds) {
    public Tcp {
      maxConnections = Checks.range("limits.tcp.max_connections", orDefault(maxConnections, 32_768), 1, 1 << 24);
      maxBytesPerStream =
          Checks.range("limits.tcp.max_bytes_per_stream", orDefault(maxBytesPerStream, 64L << 20), 1L << 10, 1L << 40);
      maxOutOfOrderBytes =
          Checks.range("limits.tcp.max_out_of_order_bytes", orDefault(maxOutOfOrderBytes, 256 << 10), 1 << 10, 1 << 30);
      maxTotalBytes =
          Checks.range("limits.tcp.max_total_bytes", orDefault(maxTotalBytes, 64L << 20), 1L << 20, 1L << 40);
      idleTimeoutSeconds =
          Checks.range("limits.tcp.idle_timeout_seconds", orDefault(idleTimeoutSeconds, 300), 1, 86_400);
    }
  }
}
