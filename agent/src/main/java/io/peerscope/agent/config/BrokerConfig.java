package io.peerscope.agent.config;

import static io.peerscope.agent.config.Checks.orDefault;
import static io.peerscope.agent.config.Checks.range;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The {@code broker} section. The password is never a value in the file or on the command line
 * (argv is world-readable in /proc): it is read from {@code password_file} or from the environment
 * variable named by {@code password_env}.
 */
public record BrokerConfig(
    String url,
    String username,
    String passwordFile,
    String passwordEnv,
    String clientId,
    Long spoolMaxBytes,
    Integer summaryIntervalSeconds,
    Integer statusIntervalSeconds,
    Integer connectTimeoutSeconds,
    Integer closeTimeoutSeconds) {

  private static final Set<String> SCHEMES = Set.of("tcp", "ssl");

  public BrokerConfig {
    if (url != null) {
      checkUrl(url);
    }
    username = Checks.notBlank("broker.username", username);
    passwordFile = Checks.notBlank("broker.password_file", passwordFile);
    passwordEnv = Checks.notBlank("broker.password_env", passwordEnv);
    if (passwordFile != null && passwordEnv != null) {
      throw new ConfigException("broker.password_env", "give password_file or password_env, not both");
    }
    clientId = Checks.notBlank("broker.client_id", clientId);
    if (clientId != null && clientId.length() > 64) {
      throw new ConfigException("broker.client_id", "at most 64 characters, got " + clientId.length());
    }
    spoolMaxBytes =
        range("broker.spool_max_bytes", orDefault(spoolMaxBytes, 64L << 20), 1L << 20, 1L << 40);
    summaryIntervalSeconds =
        range("broker.summary_interval_seconds", orDefault(summaryIntervalSeconds, 60), 1, 86_400);
    statusIntervalSeconds =
        range("broker.status_interval_seconds", orDefault(statusIntervalSeconds, 30), 1, 86_400);
    connectTimeoutSeconds =
        range("broker.connect_timeout_seconds", orDefault(connectTimeoutSeconds, 10), 1, 600);
    closeTimeoutSeconds =
        range("broker.close_timeout_seconds", orDefault(closeTimeoutSeconds, 30), 0, 3_600);
  }

  public static BrokerConfig defaults() {
    return new BrokerConfig(null, null, null, null, null, null, null, null, null, null);
  }

  public boolean enabled() {
    return url != null;
  }

  /**
   * The broker password, or null when none is configured.
   *
   * @param env the process environment (a parameter so tests need not change it)
   */
  public String password(Map<String, String> env) {
    if (passwordFile != null) {
      try {
        // one line; a trailing newline from `echo secret > file` is not part of the password
        return Files.readString(Path.of(passwordFile), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new ConfigException("broker.password_file", "cannot read " + passwordFile + ": " + e, e);
      }
    }
    if (passwordEnv != null) {
      String value = env.get(passwordEnv);
      if (value == null) {
        throw new ConfigException("broker.password_env", "environment variable " + passwordEnv + " is not set");
      }
      return value;
    }
    return null;
  }

  private static void checkUrl(String url) {
    try {
      URI uri = new URI(url);
      if (uri.getScheme() == null || !SCHEMES.contains(uri.getScheme())) {
        throw new ConfigException("broker.url", "scheme must be tcp:// or ssl://, got " + url);
      }
      if (uri.getHost() == null || uri.getPort() < 0 || uri.getPort() > 65535) {
        throw new ConfigException("broker.url", "must be tcp://HOST:PORT, got " + url);
      }
    } catch (URISyntaxException e) {
      throw new ConfigException("broker.url", "not a URL: " + url, e);
    }
  }
}
