package io.peerscope.app.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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

  /**
   * This run, the median of the measured reads, after the warm-up reads: the note tells the
   * speeds of both.
   */
  RunResult afterWarmUp(List<RunResult> warmUp, List<RunResult> measured) {
    int first = warmUp.size() + 1;
    String reads = measured.size() == 1
        ? "read " + first
        : "median of reads " + first + "-" + (first + measured.size() - 1) + " (" + speeds(measured) + " packets/s)";
    return withNote(note + "; " + reads + " in its JVM (before, while compiling: " + speeds(warmUp) + " packets/s)");
  }

  /** The run of median speed (of an even count, the slower of the middle two). */
  static RunResult median(List<RunResult> runs) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("no run");
    }
    List<RunResult> bySpeed = new ArrayList<>(runs);
    bySpeed.sort(Comparator.comparingDouble(RunResult::packetsPerSecond));
    return bySpeed.get((bySpeed.size() - 1) / 2);
  }

  /** The runs' speeds in the order they ran. */
  static String speeds(List<RunResult> runs) {
    StringBuilder s = new StringBuilder();
    for (RunResult r : runs) {
      s.append(s.length() == 0 ? "" : ", ").append(Math.round(r.packetsPerSecond()));
    }
    return s.toString();
  }

  RunResult withNote(String newNote) {
    return new RunResult(contender, packets, seconds, allocBytesPerPacket, peakHeapMb, liveHeapMb, newNote);
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
