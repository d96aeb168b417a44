package io.peerscope.agent.capture;

import io.peerscope.agent.metrics.Counter;
import io.peerscope.agent.metrics.Counters;
import java.io.IOException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.pcap4j.core.BpfProgram.BpfCompileMode;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.PcapNetworkInterface.PromiscuousMode;
import org.pcap4j.core.PcapStat;
import org.pcap4j.core.Pcaps;
import org.pcap4j.core.RawPacketListener;

/**
 * Live capture through pcap4j: libpcap's handle, BPF filter and statistics only. Frames arrive
 * through {@code pcap_loop} with a raw listener, pcap4j's fastest path (it still copies each frame
 * into a new array, which is the price of JNA); decoding is the pipeline's own.
 *
 * <p>libpcap's statistics are read on the capture thread (pcap_stats is not safe to call while
 * another thread is inside pcap_loop) about once a second and at the end; {@link #stats()} returns
 * those cached values from any thread.
 */
public final class LiveCaptureSource implements FrameSource {
  /** The default kernel filter: DNS and SMTP (see {@link LiveCaptureOptions#DEFAULT_BPF}). */
  public static final String DEFAULT_BPF = LiveCaptureOptions.DEFAULT_BPF;

  /** Capture time between reads of pcap_stats and publications of the frame tallies. */
  private static final long STATS_EVERY_MICROS = 1_000_000L;

  private final PcapHandle handle;
  private final String interfaceName;
  private final int linkType;
  private final Counter frames;
  private final Counter bytes;
  private final Counter received;
  private final Counter droppedByKernel;
  private final Counter droppedByInterface;
  private volatile boolean stopped;
  private volatile CaptureStats cached = CaptureStats.NONE;
  private long lastStatsMicros;
  private long frameTally;
  private long byteTally;
  private long publishedFrames;
  private long publishedBytes;

  private LiveCaptureSource(PcapHandle handle, String interfaceName, Counters counters) {
    this.handle = handle;
    this.interfaceName = interfaceName;
    this.linkType = handle.getDlt().value();
    this.frames = counters.counter("capture.frames");
    this.bytes = counters.counter("capture.bytes");
    this.received = counters.counter("capture.received");
    this.droppedByKernel = counters.counter("capture.dropped_by_kernel");
    this.droppedByInterface = counters.counter("capture.dropped_by_interface");
  }

  /**
   * Opens the interface and installs the filter.
   *
   * @throws CaptureSetupException when the interface does not exist (the message lists those that
   *     do), capturing is not permitted (CAP_NET_RAW), libpcap is missing, or the filter is invalid
   */
  public static LiveCaptureSource open(LiveCaptureOptions options, Counters counters) throws IOException {
    String name = options.interfaceName();
    List<PcapNetworkInterface> devices;
    try {
      devices = Pcaps.findAllDevs();
    } catch (LinkageError e) {
      throw new CaptureSetupException(
          "libpcap is not installed: install the Debian package libpcap0.8 (apt-get install libpcap0.8)", e);
    } catch (PcapNativeException e) {
      throw new CaptureSetupException("cannot list network interfaces: " + e.getMessage(), e);
    }
    if (devices.stream().noneMatch(d -> d.getName().equals(name))) {
      String known = devices.stream().map(PcapNetworkInterface::getName).collect(Collectors.joining(", "));
      throw new CaptureSetupException("no interface named '" + name + "'; available: " + known);
    }
    PcapHandle handle;
    try {
      handle = new PcapHandle.Builder(name)
          .snaplen(options.snaplen())
          .promiscuousMode(options.promiscuous() ? PromiscuousMode.PROMISCUOUS : PromiscuousMode.NONPROMISCUOUS)
          .bufferSize(options.bufferSizeBytes())
          .immediateMode(options.immediate())
          .timeoutMillis(options.timeoutMillis())
          .build();
    } catch (PcapNativeException e) {
      throw explainOpenFailure(name, e);
    }
    String filter = options.bpfFilter();
    if (filter != null && !filter.isBlank()) {
      try {
        handle.setFilter(filter, BpfCompileMode.OPTIMIZE);
      } catch (PcapNativeException | NotOpenException e) {
        handle.close();
        throw new CaptureSetupException("invalid BPF filter '" + filter + "': " + e.getMessage(), e);
      }
    }
    return new LiveCaptureSource(handle, name, counters);
  }

  /**
   * Turns libpcap's open failure into an operator's message. CAP_NET_RAW alone suffices, also for
   * promiscuous mode: libpcap asks for it with PACKET_ADD_MEMBERSHIP on its own packet socket, which
   * the kernel grants to the socket's holder (net/packet/af_packet.c), not with SIOCSIFFLAGS, which
   * would need CAP_NET_ADMIN.
   */
  static CaptureSetupException explainOpenFailure(String name, PcapNativeException e) {
    String msg = String.valueOf(e.getMessage());
    String lower = msg.toLowerCase(Locale.ROOT);
    if (lower.contains("permission") || lower.contains("not permitted")) {
      return new CaptureSetupException(
          "no permission to capture on " + name + ": run as root or grant CAP_NET_RAW (enough for"
              + " promiscuous mode too), e.g. AmbientCapabilities=CAP_NET_RAW in the systemd unit ("
              + msg + ")", e);
    }
    return new CaptureSetupException("cannot open " + name + " for capture: " + msg, e);
  }

  public String interfaceName() {
    return interfaceName;
  }

  /** The pcap LINKTYPE_* of the interface. */
  public int linkType() {
    return linkType;
  }

  @Override
  public void run(FrameHandler handler) throws IOException {
    if (stopped) {
      return;
    }
    // JNA prints what a callback throws and returns to libpcap, whose loop goes on: a pipeline
    // that failed would be fed frame after frame. The failure ends the loop instead, and run()
    // throws it.
    Throwable[] failure = new Throwable[1];
    RawPacketListener listener = packet -> {
      if (failure[0] != null) {
        return;
      }
      Timestamp t = handle.getTimestamp();
      Integer wire = handle.getOriginalLength();
      long ts = Math.floorDiv(t.getTime(), 1000L) * 1_000_000L + t.getNanos() / 1000;
      frameTally++;
      byteTally += packet.length;
      try {
        handler.onFrame(linkType, ts, packet, 0, packet.length, wire == null ? packet.length : wire);
      } catch (RuntimeException | Error e) {
        failure[0] = e;
        breakLoop();
        return;
      }
      // the frame's own timestamp paces the refresh: no clock call per frame
      if (ts - lastStatsMicros >= STATS_EVERY_MICROS || ts < lastStatsMicros) {
        lastStatsMicros = ts;
        refreshStats();
      }
    };
    try {
      handle.loop(-1, listener);
    } catch (InterruptedException e) {
      // breakLoop() was called: the normal way to stop
    } catch (PcapNativeException e) {
      throw new IOException("capture on " + interfaceName + " failed: " + e.getMessage(), e);
    } catch (NotOpenException e) {
      throw new IOException("capture on " + interfaceName + " was closed while running", e);
    } finally {
      refreshStats();
    }
    if (failure[0] != null) {
      throw new IOException("processing frames captured on " + interfaceName + " failed: " + failure[0], failure[0]);
    }
  }

  /** Reads pcap_stats on the capture thread and publishes the increases as counters. */
  private void refreshStats() {
    frames.add(frameTally - publishedFrames);
    bytes.add(byteTally - publishedBytes);
    publishedFrames = frameTally;
    publishedBytes = byteTally;
    PcapStat s;
    try {
      s = handle.getStats();
    } catch (PcapNativeException | NotOpenException e) {
      return; // the handle is closing: the last values stand
    }
    CaptureStats before = cached;
    CaptureStats now = new CaptureStats(
        s.getNumPacketsReceived(), s.getNumPacketsDropped(), s.getNumPacketsDroppedByIf());
    received.add(Math.max(0, now.received() - before.received()));
    droppedByKernel.add(Math.max(0, now.droppedByKernel() - before.droppedByKernel()));
    droppedByInterface.add(Math.max(0, now.droppedByInterface() - before.droppedByInterface()));
    cached = now;
  }

  @Override
  public void stop() {
    stopped = true;
    breakLoop();
  }

  private void breakLoop() {
    try {
      handle.breakLoop();
    } catch (NotOpenException e) {
      // already closed: nothing is running
    }
  }

  @Override
  public boolean prefersHandoff() {
    return true;
  }

  /** libpcap's counters as of the last refresh (about once a second while frames arrive). */
  @Override
  public CaptureStats stats() {
    return cached;
  }

  @Override
  public void close() {
    handle.close();
  }
}
