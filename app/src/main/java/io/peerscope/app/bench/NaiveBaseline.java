package io.peerscope.app.bench;

import java.io.EOFException;
import java.nio.file.Path;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.Pcaps;
import org.pcap4j.packet.Packet;
import org.pcap4j.packet.TcpPacket;
import org.pcap4j.packet.UdpPacket;
import org.xbill.DNS.Message;

/**
 * What a Java developer writes first: pcap4j's packet factory decodes every layer into objects,
 * then dnsjava parses each DNS payload into a {@link Message}. Both throw on some valid input
 * (pcap4j's DNS decoder, dnsjava on truncated responses); those are counted and skipped, as a
 * real tool built this way would have to.
 */
final class NaiveBaseline {
  static final String NAME = "naive";

  private NaiveBaseline() {}

  static RunResult run(Path file) throws Exception {
    JvmProbe probe = new JvmProbe();
    long packets = 0;
    long dns = 0;
    long failures = 0;
    probe.start();
    long t0 = System.nanoTime();
    try (PcapHandle handle = Pcaps.openOffline(file.toString())) {
      while (true) {
        Packet packet;
        try {
          packet = handle.getNextPacketEx();
        } catch (EOFException end) {
          break;
        } catch (java.util.concurrent.TimeoutException e) {
          continue;
        } catch (RuntimeException e) {
          failures++;
          packets++;
          continue;
        }
        packets++;
        try {
          UdpPacket udp = packet.get(UdpPacket.class);
          Packet payload = udp != null ? udp.getPayload() : null;
          if (payload == null) {
            TcpPacket tcp = packet.get(TcpPacket.class);
            payload = tcp != null ? tcp.getPayload() : null;
          }
          if (payload != null && udp != null) {
            new Message(payload.getRawData());
            dns++;
          }
        } catch (Exception e) {
          failures++;
        }
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new RunResult(
        NAME,
        packets,
        seconds,
        packets == 0 ? null : (double) probe.allocatedSinceStart() / packets,
        probe.peakHeapMb(),
        probe.liveHeapMb(),
        "pcap4j packet factory + dnsjava Message; " + dns + " DNS parsed, " + failures + " threw");
  }
}
