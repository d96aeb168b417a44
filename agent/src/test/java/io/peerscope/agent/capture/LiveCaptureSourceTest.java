package io.peerscope.agent.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerscope.agent.decode.IpAddress;
import io.peerscope.agent.decode.Packet;
import io.peerscope.agent.decode.PacketDecoder;
import io.peerscope.agent.metrics.Counters;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.pcap4j.core.PcapNativeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Live capture on the loopback interface; needs root or CAP_NET_RAW and libpcap0.8. */
@Tag("system")
class LiveCaptureSourceTest {
  @Test
  void capturesUdpOnLoopbackUntilStopped() throws Exception {
    Counters counters = new Counters();
    try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        DatagramSocket sender = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      int port = receiver.getLocalPort();
      LiveCaptureOptions options = LiveCaptureOptions.of("lo").withFilter("udp port " + port);
      try (LiveCaptureSource source = LiveCaptureSource.open(options, counters)) {
        assertThat(source.linkType()).isEqualTo(LinkType.ETHERNET); // Linux loopback has fake Ethernet
        PacketDecoder decoder = new PacketDecoder(counters);
        Packet p = new Packet();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread capture = new Thread(() -> {
          try {
            source.run((lt, ts, buf, off, cap, wire) -> {
              if (decoder.decode(lt, ts, buf, off, cap, p) && p.dstPort == port
                  && p.dst().equals(IpAddress.parse("127.0.0.1"))) {
                seen.add(new String(p.buf, p.payloadOffset, p.payloadLength, StandardCharsets.US_ASCII));
              }
            });
          } catch (Throwable t) {
            failure.set(t);
          }
        }, "live-capture-test");
        capture.start();
        // the handle is open before run() starts, but send until seen in case of a slow start
        long deadline = System.nanoTime() + 10_000_000_000L;
        int sent = 0;
        while (seen.size() < 5 && System.nanoTime() < deadline && sent < 500) {
          byte[] msg = ("probe-" + (sent % 5)).getBytes(StandardCharsets.US_ASCII);
          sender.send(new DatagramPacket(msg, msg.length, InetAddress.getLoopbackAddress(), port));
          sent++;
          Thread.sleep(20);
        }
        source.stop();
        capture.join(5_000);
        assertThat(capture.isAlive()).as("run() returned after stop()").isFalse();
        assertThat(failure.get()).isNull();
        assertThat(seen).containsExactlyInAnyOrder("probe-0", "probe-1", "probe-2", "probe-3", "probe-4");
        CaptureStats stats = source.stats();
        // the kernel hands loopback packets to the socket twice (outgoing and incoming); libpcap
        // drops the outgoing copy in user space but pcap_stats counted both
        assertThat(stats.received()).isGreaterThanOrEqualTo(counters.get("capture.frames")).isLessThanOrEqualTo(2L * sent);
        assertThat(stats.droppedByKernel()).isZero();
        assertThat(counters.get("capture.frames")).isGreaterThanOrEqualTo(5).isLessThanOrEqualTo(sent);
        assertThat(counters.get("capture.received")).isEqualTo(stats.received());
      }
    }
  }

  @Test
  // a loop that goes on after the failure never returns: fail then, not hang
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aFailingPipelineEndsTheCaptureWithItsFailure() throws Exception {
    try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        DatagramSocket sender = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      int port = receiver.getLocalPort();
      LiveCaptureOptions options = LiveCaptureOptions.of("lo").withFilter("udp port " + port);
      try (LiveCaptureSource source = LiveCaptureSource.open(options, new Counters())) {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread capture = new Thread(() -> {
          try {
            source.run((lt, ts, buf, off, cap, wire) -> {
              calls.incrementAndGet();
              throw new IllegalStateException("boom");
            });
          } catch (Throwable t) {
            failure.set(t);
          }
        }, "live-capture-failure-test");
        capture.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        byte[] msg = "probe".getBytes(StandardCharsets.US_ASCII);
        for (int sent = 0; capture.isAlive() && System.nanoTime() < deadline && sent < 500; sent++) {
          sender.send(new DatagramPacket(msg, msg.length, InetAddress.getLoopbackAddress(), port));
          Thread.sleep(20);
        }
        capture.join(5_000);
        // no stop(): the failure alone ended the loop, after the one frame that failed
        assertThat(capture.isAlive()).as("run() returned by itself").isFalse();
        assertThat(failure.get()).isInstanceOf(java.io.IOException.class).hasMessageContaining("boom");
        assertThat(failure.get().getCause()).isInstanceOf(IllegalStateException.class);
        assertThat(calls.get()).isEqualTo(1);
      }
    }
  }

  @Test
  void stopBeforeRunReturnsAtOnce() throws Exception {
    try (LiveCaptureSource source = LiveCaptureSource.open(LiveCaptureOptions.of("lo"), new Counters())) {
      source.stop();
      source.run((lt, ts, buf, off, cap, wire) -> {});
      assertThat(source.stats()).isEqualTo(CaptureStats.NONE);
    }
  }

  @Test
  void unknownInterfaceListsTheAvailableOnes() {
    assertThatThrownBy(() -> LiveCaptureSource.open(LiveCaptureOptions.of("nosuch0"), new Counters()))
        .isInstanceOf(CaptureSetupException.class)
        .hasMessageContaining("nosuch0")
        .hasMessageContaining("lo");
  }

  @Test
  void invalidFilterIsNamed() {
    LiveCaptureOptions options = LiveCaptureOptions.of("lo").withFilter("udp port banana");
    assertThatThrownBy(() -> LiveCaptureSource.open(options, new Counters()))
        .isInstanceOf(CaptureSetupException.class)
        .hasMessageContaining("invalid BPF filter 'udp port banana'");
  }

  @Test
  void permissionFailureAsksForCapNetRawOnly() {
    // libpcap's wording when socket(AF_PACKET) fails with EPERM (pcap-linux.c)
    PcapNativeException denied = new PcapNativeException(
        "eth0: You don't have permission to capture on that device (socket: Operation not permitted)");
    CaptureSetupException e = LiveCaptureSource.explainOpenFailure("eth0", denied);
    assertThat(e.getMessage())
        .startsWith("no permission to capture on eth0")
        .contains("CAP_NET_RAW")
        .contains("promiscuous mode too")
        .doesNotContain("CAP_NET_ADMIN")
        .contains("Operation not permitted");
    assertThat(e.getCause()).isSameAs(denied);
  }

  @Test
  void otherOpenFailuresKeepLibpcapsWords() {
    PcapNativeException down = new PcapNativeException("eth0: That device is not up");
    assertThat(LiveCaptureSource.explainOpenFailure("eth0", down).getMessage())
        .isEqualTo("cannot open eth0 for capture: eth0: That device is not up");
  }

  @Test
  void optionsRejectNonsense() {
    assertThatThrownBy(() -> new LiveCaptureOptions("lo", 10, true, 1 << 20, true, 100, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("snaplen");
    assertThat(LiveCaptureOptions.of("eth0").bpfFilter()).isEqualTo(LiveCaptureOptions.DEFAULT_BPF);
  }
}
