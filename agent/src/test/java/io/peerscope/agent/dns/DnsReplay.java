package io.peerscope.agent.dns;

import io.peerscope.agent.capture.PcapFileSource;
import io.peerscope.agent.decode.Packet;
import io.peerscope.agent.decode.PacketDecoder;
import io.peerscope.agent.metrics.Counters;
import io.peerscope.agent.tcp.TcpLimits;
import io.peerscope.agent.tcp.TcpReassembler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Replays a capture file through the project's own reader, frame decoder, TCP reassembler and DNS
 * layer (UDP and TCP), with the capture's timestamps as the clock, and collects every transaction
 * line.
 */
public final class DnsReplay {
  private DnsReplay() {}

  public static List<DnsTransaction> replay(Path pcap, Counters counters) throws IOException {
    return replay(pcap, counters, DnsLimits.DEFAULTS, pending -> {});
  }

  /**
   * @param pendingAfterEachFrame told the table's pending count after every frame (bounded state)
   * @param listeners further receivers of every transaction, such as the log writer
   */
  public static List<DnsTransaction> replay(
      Path pcap, Counters counters, DnsLimits limits, IntConsumer pendingAfterEachFrame, DnsTransactionListener... listeners)
      throws IOException {
    List<DnsTransaction> out = new ArrayList<>();
    PacketDecoder decoder = new PacketDecoder(counters);
    DnsTransactionTable table = new DnsTransactionTable(counters, limits);
    table.addListener(out::add);
    for (DnsTransactionListener l : listeners) {
      table.addListener(l);
    }
    DnsUdpHandler udp = new DnsUdpHandler(table);
    TcpReassembler tcp = new TcpReassembler(TcpLimits.DEFAULTS, counters);
    tcp.register(DnsUdpHandler.DNS_PORT, new DnsTcpStreams(table, limits, counters));
    Packet packet = new Packet();
    long[] clock = {Long.MIN_VALUE};
    try (PcapFileSource source = PcapFileSource.open(pcap, counters)) {
      source.run(
          (linkType, ts, buf, off, capLen, wireLen) -> {
            if (ts > clock[0]) {
              clock[0] = ts;
              decoder.onTick(ts);
              tcp.onTick(ts);
              table.onTick(ts);
            }
            if (decoder.decode(linkType, ts, buf, off, capLen, packet)) {
              if (DnsUdpHandler.accepts(packet)) {
                udp.onPacket(packet);
              } else if (packet.protocol == Packet.TCP) {
                tcp.onSegment(packet);
              }
            }
            pendingAfterEachFrame.accept(table.pending());
          });
    }
    long end = clock[0] == Long.MIN_VALUE ? 0 : clock[0];
    decoder.onEnd(end);
    tcp.onEnd(end); // streams deliver their last messages before the table flushes what is pending
    table.onEnd(end);
    return out;
  }
}
