package io.peerscope.agent.config;

/** Range checks that name the key and the offending value, shared by every config record. */
final class Checks {
  private Checks() {}

  static long range(String key, long value, long min, long max) {
    if (value < min || value > max) {
      throw new ConfigException(key, "must be " + min + ".." + max + ", got " + value);
    }
    return value;
  }

  static int range(String key, int value, int min, int max) {
    return (int) range(key, (long) value, min, max);
  }

  static String notBlank(String key, String value) {
    if (value != null && value.isBlank()) {
      throw new ConfigException(key, "must not be empty");
    }
    return value;
  }

  static <T> T orDefault(T value, T fallback) {
    return value == null ? fallback : value;
  }
}
