package io.peerscope.app.bench;

/**
 * What one contender measured on one workload. Rates are packets per second of wall time; the
 * allocation figure is bytes allocated by the reading thread per packet; null means "not
 * measured" (for instance for external programs, whose heap is not ours to see).
 *
 * @param peakHeapMb the heap pools' peak occupancy: garbage not yet collected included
 * @param liveHeapMb heap in use after a full collection at the end, state still held: what is kept
 */
public record RunResult(
    String contender,
    long packets,
    double seconds,
    Double allocBytesPerPacket,
    Double peakHeapMb,
    Double liveHeapMb,
    String note) {

  /** This run, measured after the warm-up reads: the note tells their speeds. */
  RunResult afterWarmUp(java.util.List<RunResult> warmUp) {
    StringBuilder speeds = new StringBuilder();
    for (RunResult r : warmUp) {
      speeds.append(speeds.length() == 0 ? "" : ", ").append(Math.round(r.packetsPerSecond()));
    }
    return new RunResult(contender, packets, seconds, allocBytesPerPacket, peakHeapMb, liveHeapMb,
        note + "; read " + (warmUp.size() + 1) + " in its JVM (before, while compiling: " + speeds + " packets/s)");
  }

  public double packetsPerSecond() {
    return seconds > 0 ? packets / seconds : 0;
  }

  public double nanosPerPacket() {
    return packets > 0 ? seconds * 1e9 / packets : 0;
  }

  public static RunResult unavailable(String contender, String why) {
    return new RunResult(contender, 0, 0, null, null, null, why);
  }

  public boolean available() {
    return packets > 0 && seconds > 0;
  }
}
