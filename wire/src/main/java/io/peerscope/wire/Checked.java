package io.peerscope.wire;

import java.util.Objects;

/**
 * The outcome of validating one wire message: either a value or a rejection with a short detail
 * that names the offending field (never its content, which is hostile and may be huge).
 */
public record Checked<T>(T value, Rejection rejection, String detail) {

  public Checked {
    if ((value == null) == (rejection == null)) {
      throw new IllegalArgumentException("exactly one of value and rejection");
    }
  }

  public static <T> Checked<T> ok(T value) {
    return new Checked<>(Objects.requireNonNull(value), null, null);
  }

  public static <T> Checked<T> rejected(Rejection rejection, String detail) {
    return new Checked<>(null, Objects.requireNonNull(rejection), detail);
  }

  public boolean isOk() {
    return value != null;
  }
}
