package io.peerscope.agent.config;

import static io.peerscope.agent.config.Checks.orDefault;
import static io.peerscope.agent.config.Checks.range;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code capture} section: which interface to open and how libpcap should hand frames over.
 * Ignored when replaying a file, except {@code filter}, which a file replay does not apply either
 * (a file is read whole, as Zeek and tcpdump do without an expression).
 */
public record CaptureConfig(
    @JsonProperty("interface") String iface,
    String filter,
    Integer snaplen,
    Long bufferBytes,
    Boolean promiscuous,
    Boolean immediate,
    Integer timeoutMs) {

  /** DNS on 53 and SMTP on 25, 587 and 465, both transports for DNS (RFC 7766). */
  public static final String DEFAULT_FILTER =
      "udp port 53 or tcp port 53 or tcp port 25 or tcp port 587 or tcp port 465";

  public CaptureConfig {
    iface = Checks.notBlank("capture.interface", iface);
    filter = Checks.notBlank("capture.filter", orDefault(filter, DEFAULT_FILTER));
    // 64 bytes hold the headers of nothing useful; 262144 is libpcap's MAXIMUM_SNAPLEN
    snaplen = range("capture.snaplen", orDefault(snaplen, 65535), 64, 262144);
    bufferBytes = range("capture.buffer_bytes", orDefault(bufferBytes, 16L << 20), 1L << 16, 1L << 30);
    promiscuous = orDefault(promiscuous, true);
    immediate = orDefault(immediate, true);
    timeoutMs = range("capture.timeout_ms", orDefault(timeoutMs, 100), 1, 60_000);
  }

  public CaptureConfig withInterface(String name) {
    return new CaptureConfig(name, filter, snaplen, bufferBytes, promiscuous, immediate, timeoutMs);
  }

  public static CaptureConfig defaults() {
    return new CaptureConfig(null, null, null, null, null, null, null);
  }
}
