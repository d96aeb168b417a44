package io.peerscope.agent.config;

/**
 * A configuration file or flag that cannot be used. The message always starts with the key path
 * ({@code capture.snaplen: must be 64..262144, got 10}) so an operator knows what to fix; the
 * command line maps it to exit code 2.
 */
public final class ConfigException extends RuntimeException {
  private final String key;

  public ConfigException(String key, String problem) {
    super(key + ": " + problem);
    this.key = key;
  }

  public ConfigException(String key, String problem, Throwable cause) {
    super(key + ": " + problem, cause);
    this.key = key;
  }

  /** The dotted key path the problem is about, or {@code (file)} for the file as a whole. */
  public String key() {
    return key;
  }
}
