package io.peerscope.agent.publish;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the agent publishes. {@code brokerUrl} is {@code tcp://host:port} or {@code ssl://host:port}
 * (TLS verified against the JVM's trust store, which {@code -Djavax.net.ssl.trustStore} points at a
 * private CA). Username and password may be null (anonymous). {@code clientId} null means {@code
 * peerscope-<sensor>}. The spool lives in {@code spoolDir} (a directory of its own under the
 * agent's state directory) and never exceeds {@code spoolMaxBytes}.
 *
 * @param summaryIntervalSeconds length of one summary window
 * @param summaryClock whose time cuts summary windows: the capture's (replays) or the wall clock's
 * @param statusIntervalSeconds wall-clock seconds between two retained status messages
 * @param connectTimeout one connection attempt
 * @param closeTimeout how long close waits for the broker to acknowledge what is pending
 * @param reconnectMin first delay after a failed connection; doubled per failure, jittered
 * @param reconnectMax the delay stops growing here
 */
public record PublishConfig(
    String brokerUrl,
    String username,
    String password,
    String clientId,
    Path spoolDir,
    long spoolMaxBytes,
    long summaryIntervalSeconds,
    SummaryClock summaryClock,
    long statusIntervalSeconds,
    Duration connectTimeout,
    Duration closeTimeout,
    Duration reconnectMin,
    Duration reconnectMax) {

  /** Whose time cuts summary windows. */
  public enum SummaryClock {
    /** Capture time from {@link io.peerscope.agent.capture.ClockListener} ticks: replays. */
    CAPTURE,
    /** The wall clock, read by the publisher itself: live capture, where traffic may pause. */
    WALL
  }

  public static final long DEFAULT_SPOOL_MAX_BYTES = 64L << 20;

  public PublishConfig {
    Objects.requireNonNull(brokerUrl, "brokerUrl");
    Objects.requireNonNull(spoolDir, "spoolDir");
    Objects.requireNonNull(summaryClock, "summaryClock");
    if (!brokerUrl.startsWith("tcp://") && !brokerUrl.startsWith("ssl://")) {
      throw new IllegalArgumentException(
          "broker URL must start with tcp:// or ssl://: " + brokerUrl);
    }
    if (spoolMaxBytes < Spool.MIN_BYTES) {
      throw new IllegalArgumentException("spool size must be at least " + Spool.MIN_BYTES);
    }
    if (summaryIntervalSeconds < 1 || statusIntervalSeconds < 1) {
      throw new IllegalArgumentException("summary and status intervals must be at least 1 s");
    }
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(closeTimeout, "closeTimeout");
    requirePositive(reconnectMin, "reconnectMin");
    requirePositive(reconnectMax, "reconnectMax");
    if (reconnectMax.compareTo(reconnectMin) < 0) {
      throw new IllegalArgumentException("reconnectMax must not be below reconnectMin");
    }
  }

  /** Defaults: 64 MiB spool, summaries every 60 s of capture time, status every 30 s. */
  public static PublishConfig defaults(String brokerUrl, Path spoolDir) {
    return new PublishConfig(
        brokerUrl,
        null,
        null,
        null,
        spoolDir,
        DEFAULT_SPOOL_MAX_BYTES,
        60,
        SummaryClock.CAPTURE,
        30,
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofSeconds(1),
        Duration.ofSeconds(60));
  }

  public PublishConfig withCredentials(String user, String secret) {
    return new PublishConfig(
        brokerUrl,
        user,
        secret,
        clientId,
        spoolDir,
        spoolMaxBytes,
        summaryIntervalSeconds,
        summaryClock,
        statusIntervalSeconds,
        connectTimeout,
        closeTimeout,
        reconnectMin,
        reconnectMax);
  }

  public PublishConfig withSpoolMaxBytes(long bytes) {
    return new PublishConfig(
        brokerUrl,
        username,
        password,
        clientId,
        spoolDir,
        bytes,
        summaryIntervalSeconds,
        summaryClock,
        statusIntervalSeconds,
        connectTimeout,
        closeTimeout,
        reconnectMin,
        reconnectMax);
  }

  public PublishConfig withSummaries(long intervalSeconds, SummaryClock clock) {
    return new PublishConfig(
        brokerUrl,
        username,
        password,
        clientId,
        spoolDir,
        spoolMaxBytes,
        intervalSeconds,
        clock,
        statusIntervalSeconds,
        connectTimeout,
        closeTimeout,
        reconnectMin,
        reconnectMax);
  }

  public PublishConfig withTimeouts(
      Duration connect, Duration close, Duration retryMin, Duration retryMax) {
    return new PublishConfig(
        brokerUrl,
        username,
        password,
        clientId,
        spoolDir,
        spoolMaxBytes,
        summaryIntervalSeconds,
        summaryClock,
        statusIntervalSeconds,
        connect,
        close,
        retryMin,
        retryMax);
  }

  public PublishConfig withClientId(String id) {
    return new PublishConfig(
        brokerUrl,
        username,
        password,
        id,
        spoolDir,
        spoolMaxBytes,
        summaryIntervalSeconds,
        summaryClock,
        statusIntervalSeconds,
        connectTimeout,
        closeTimeout,
        reconnectMin,
        reconnectMax);
  }

  /** The password never appears in logs or exceptions. */
  @Override
  public String toString() {
    return "PublishConfig[brokerUrl="
        + brokerUrl
        + ", username="
        + username
        + ", password="
        + (password == null ? "none" : "***")
        + ", spoolDir="
        + spoolDir
        + ", spoolMaxBytes="
        + spoolMaxBytes
        + "]";
  }

  private static void requirePositive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration");
    }
  }
}
