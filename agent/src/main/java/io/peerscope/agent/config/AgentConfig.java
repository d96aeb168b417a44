package io.peerscope.agent.config;

import static io.peerscope.agent.config.Checks.orDefault;

import io.peerscope.wire.SensorId;
import java.net.InetAddress;
import java.nio.file.Path;

/**
 * Everything the agent is told: {@code config/agent.yaml} documents every key. Missing keys take
 * the defaults below; {@link AgentConfigLoader} rejects unknown keys and bad values by key path.
 *
 * @param sensor the sensor id in MQTT topics and findings (default: the host name, sanitised)
 * @param logsDir where dns.jsonl and findings.jsonl go; null writes no logs
 * @param stateDir the publish spool and tracking state live here (null: not given, {@link
 *     #DEFAULT_STATE_DIR})
 * @param fingerprints where the mail-server fingerprints and end-of-support data are
 * @param track DNS relationship tracking: memory budget and detector thresholds
 */
public record AgentConfig(
    String sensor,
    CaptureConfig capture,
    String logsDir,
    String stateDir,
    BrokerConfig broker,
    LimitsConfig limits,
    FingerprintsConfig fingerprints,
    TrackSettings track) {

  public static final String DEFAULT_STATE_DIR = "/var/lib/peerscope";

  public AgentConfig {
    sensor = orDefault(sensor, defaultSensorId());
    if (!SensorId.isValid(sensor)) {
      throw new ConfigException("sensor", "must be 1-64 characters of A-Z a-z 0-9 . _ -, got '" + sensor + "'");
    }
    capture = orDefault(capture, CaptureConfig.defaults());
    logsDir = Checks.notBlank("logs_dir", logsDir);
    // left null when not given: a replay then keeps no tracking state across runs (see persistState)
    stateDir = Checks.notBlank("state_dir", stateDir);
    broker = orDefault(broker, BrokerConfig.defaults());
    limits = orDefault(limits, LimitsConfig.defaults());
    fingerprints = orDefault(fingerprints, FingerprintsConfig.defaults());
    track = orDefault(track, TrackSettings.defaults());
  }

  public static AgentConfig defaults() {
    return new AgentConfig(null, null, null, null, null, null, null, null);
  }

  public Path statePath() {
    return Path.of(stateDir == null ? DEFAULT_STATE_DIR : stateDir);
  }

  /**
   * Whether tracking state is loaded at start and saved at the end: always for live capture,
   * and for a replay only when a state directory was given, so that two unrelated replays never
   * share what they learnt through the default directory.
   */
  public boolean persistState(boolean live) {
    return live || stateDir != null;
  }

  public Path logsPath() {
    return logsDir == null ? null : Path.of(logsDir);
  }

  /** The host name cut down to the sensor id alphabet, so a fresh install works without edits. */
  static String defaultSensorId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      host = System.getenv().getOrDefault("HOSTNAME", "");
    }
    String cleaned = host.replaceAll("[^A-Za-z0-9._-]", "-");
    if (cleaned.length() > 64) {
      cleaned = cleaned.substring(0, 64);
    }
    return cleaned.isEmpty() ? "peerscope" : cleaned;
  }
}
