package io.peerscope.app.bench;

import io.peerscope.agent.capture.FrameHandler;
import io.peerscope.agent.capture.FrameSource;
import io.peerscope.agent.capture.CaptureStats;
import io.peerscope.agent.metrics.Counter;
import io.peerscope.agent.metrics.Counters;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;
import org.pcap4j.core.RawPacketListener;

/**
 * A capture file read through pcap4j's fastest path, {@code pcap_loop} with a raw listener, handing
 * frames over exactly as the live capture does (timestamp and original length asked of the handle
 * per frame). A file feeds it faster than any interface here can, so the pipeline's rate behind it
 * against the same loop with an empty listener tells what processing costs beside capturing.
 */
final class Pcap4jFileSource implements FrameSource {
  private final PcapHandle handle;
  private final int linkType;
  private final Counter frames;
  private volatile boolean stopped;
  private long tally;

  private Pcap4jFileSource(PcapHandle handle, Counters counters) {
    this.handle = handle;
    this.linkType = handle.getDlt().value();
    this.frames = counters.counter("capture.frames");
  }

  static Pcap4jFileSource open(Path file, Counters counters) throws IOException {
    try {
      return new Pcap4jFileSource(Pcaps.openOffline(file.toString()), counters);
    } catch (PcapNativeException e) {
      throw new IOException("pcap4j cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void run(FrameHandler handler) throws IOException {
    if (stopped) {
      return;
    }
    RawPacketListener listener = packet -> {
      Timestamp t = handle.getTimestamp();
      Integer wire = handle.getOriginalLength();
      long ts = Math.floorDiv(t.getTime(), 1000L) * 1_000_000L + t.getNanos() / 1000;
      tally++;
      handler.onFrame(linkType, ts, packet, 0, packet.length, wire == null ? packet.length : wire);
    };
    try {
      handle.loop(-1, listener);
    } catch (InterruptedException e) {
      // breakLoop(): stopped on request
    } catch (PcapNativeException | NotOpenException e) {
      throw new IOException("pcap4j loop failed: " + e.getMessage(), e);
    } finally {
      frames.add(tally);
      tally = 0;
    }
  }

  /** As live capture: pcap4j's loop on one thread, the pipeline behind a handoff on another. */
  @Override
  public boolean prefersHandoff() {
    return true;
  }

  @Override
  public void stop() {
    stopped = true;
    try {
      handle.breakLoop();
    } catch (NotOpenException e) {
      // closed already: nothing runs
    }
  }

  @Override
  public CaptureStats stats() {
    return CaptureStats.NONE;
  }

  @Override
  public void close() {
    handle.close();
  }
}
