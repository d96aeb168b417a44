package io.peerscope.app.bench;

import java.nio.file.Path;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.Pcaps;
import org.pcap4j.core.RawPacketListener;

/**
 * The capture library's own ceiling for reading a file: pcap4j's offline handle with its fastest
 * API ({@code loop} with a {@link RawPacketListener}) and no processing at all.
 */
final class Pcap4jRawReader {
  static final String NAME = "pcap4j-read";

  private Pcap4jRawReader() {}

  static RunResult run(Path file) throws Exception {
    JvmProbe probe = new JvmProbe();
    long[] count = new long[1];
    RawPacketListener listener = bytes -> count[0]++;
    probe.start();
    StageCpu cpu = new StageCpu("pcap4j loop");
    long t0 = System.nanoTime();
    try (PcapHandle handle = Pcaps.openOffline(file.toString())) {
      handle.loop(-1, listener);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    cpu.close();
    return new RunResult(
        NAME,
        count[0],
        seconds,
        count[0] == 0 ? null : (double) probe.allocatedSinceStart() / count[0],
        probe.peakHeapMb(),
        probe.liveHeapMb(),
        "pcap4j loop + RawPacketListener, no processing; " + cpu.summary(count[0]));
  }
}
