package io.peerscope.agent.capture;

/**
 * How to open a live capture.
 *
 * @param interfaceName the interface, as {@code ip link} names it ("any" captures on all)
 * @param snaplen bytes kept per frame; 65535 keeps every DNS and SMTP segment whole
 * @param promiscuous receive frames not addressed to this host (needed on a span port)
 * @param bufferSizeBytes the kernel ring buffer; bursts beyond it are dropped by the kernel
 * @param immediate deliver each frame at once instead of when a buffer block fills (libpcap's
 *     immediate mode): timestamps stay fresh and a quiet link is not delayed
 * @param timeoutMillis the read timeout when not in immediate mode
 * @param bpfFilter the kernel filter; null or blank captures everything
 */
public record LiveCaptureOptions(
    String interfaceName,
    int snaplen,
    boolean promiscuous,
    int bufferSizeBytes,
    boolean immediate,
    int timeoutMillis,
    String bpfFilter) {
  /** DNS over UDP and TCP, SMTP, submission and SMTPS. */
  public static final String DEFAULT_BPF =
      "udp port 53 or tcp port 53 or tcp port 25 or tcp port 587 or tcp port 465";

  public static final int DEFAULT_SNAPLEN = 65535;
  public static final int DEFAULT_BUFFER_BYTES = 16 << 20;
  public static final int DEFAULT_TIMEOUT_MILLIS = 100;

  public LiveCaptureOptions {
    if (interfaceName == null || interfaceName.isBlank()) {
      throw new IllegalArgumentException("an interface name is required");
    }
    if (snaplen < 64 || snaplen > 262_144) {
      throw new IllegalArgumentException("snaplen must be between 64 and 262144: " + snaplen);
    }
    if (bufferSizeBytes < 65_536) {
      throw new IllegalArgumentException("bufferSizeBytes must be at least 65536: " + bufferSizeBytes);
    }
    if (timeoutMillis < 0) {
      throw new IllegalArgumentException("timeoutMillis must be >= 0: " + timeoutMillis);
    }
  }

  /** The defaults on one interface: promiscuous, 16 MiB buffer, immediate, DNS and SMTP filter. */
  public static LiveCaptureOptions of(String interfaceName) {
    return new LiveCaptureOptions(
        interfaceName, DEFAULT_SNAPLEN, true, DEFAULT_BUFFER_BYTES, true, DEFAULT_TIMEOUT_MILLIS, DEFAULT_BPF);
  }

  public LiveCaptureOptions withFilter(String filter) {
    return new LiveCaptureOptions(
        interfaceName, snaplen, promiscuous, bufferSizeBytes, immediate, timeoutMillis, filter);
  }

  public LiveCaptureOptions withPromiscuous(boolean on) {
    return new LiveCaptureOptions(interfaceName, snaplen, on, bufferSizeBytes, immediate, timeoutMillis, bpfFilter);
  }
}
