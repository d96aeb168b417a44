package io.peerscope.app.bench;

import java.util.function.LongSupplier;

/**
 * Bytes allocated per packet by the reading thread in the middle of a run (from 20 % to 80 % of
 * the expected packets), watched from a thread of its own: setup (tables, buffers) and the final
 * flush are left out, so what remains is the steady-state hot path. Readings are taken about
 * every millisecond; a reading straddles at most a few thousand packets of hundreds of thousands.
 */
final class SteadyStateAllocation implements AutoCloseable {
  private static final double FROM = 0.2;
  private static final double TO = 0.8;

  private final Thread watcher;
  private volatile boolean done;
  private volatile long fromPackets = -1;
  private volatile long fromBytes;
  private volatile long toPackets = -1;
  private volatile long toBytes;

  /**
   * @param allocated bytes allocated so far by the threads that read and process the frames
   * @param packets how many packets the run reads
   * @param progress packets handled so far (published by the reader every few thousand)
   */
  SteadyStateAllocation(LongSupplier allocated, long packets, LongSupplier progress) {
    long from = (long) (packets * FROM);
    long to = (long) (packets * TO);
    watcher = new Thread(() -> {
      while (!done) {
        long n = progress.getAsLong();
        long bytes = allocated.getAsLong();
        if (fromPackets < 0 && n >= from) {
          fromPackets = n;
          fromBytes = bytes;
        } else if (fromPackets >= 0 && n >= to) {
          toPackets = n;
          toBytes = bytes;
          return;
        }
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "bench-allocation-watch");
    watcher.setDaemon(true);
    watcher.start();
  }

  /** Bytes per packet between the two readings; null when the run was too short to take both. */
  Double bytesPerPacket() {
    close();
    if (fromPackets < 0 || toPackets <= fromPackets) {
      return null;
    }
    return (double) (toBytes - fromBytes) / (toPackets - fromPackets);
  }

  @Override
  public void close() {
    done = true;
    try {
      watcher.join(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
