package io.peerscope.collector;

/**
 * A configuration key, command-line option or value that cannot be used. {@link #key()} names
 * it so the command line can say exactly what to fix (and exit 2).
 */
public final class ConfigException extends RuntimeException {
  private final String key;

  public ConfigException(String key, String message) {
    super(key + ": " + message);
    this.key = key;
  }

  public ConfigException(String key, String message, Throwable cause) {
    super(key + ": " + message, cause);
    this.key = key;
  }

  public String key() {
    return key;
  }
}
