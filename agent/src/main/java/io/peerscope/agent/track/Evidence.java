package io.peerscope.agent.track;

import java.time.Instant;

/** Rounding and time formats shared by the evidence of every finding. */
public final class Evidence {
  private Evidence() {}

  public static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  public static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
        Math.floorMod(micros, 1_000_000L) * 1000L);
  }

  /** ISO-8601 UTC to the second, the way findings print times. */
  public static String iso(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L)).toString();
  }

  public static double seconds(long micros) {
    return round(micros / 1e6);
  }
}
