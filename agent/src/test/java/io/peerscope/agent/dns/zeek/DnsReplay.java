package io.peerscope.agent.dns.zeek;

import io.peerscope.agent.capture.PcapFileSource;
import io.peerscope.agent.decode.Packet;
import io.peerscope.agent.decode.PacketDecoder;
import io.peerscope.agent.dns.DnsLimits;
import io.peerscope.agent.dns.DnsTransaction;
import io.peerscope.agent.dns.DnsTransactionTable;
import io.peerscope.agent.dns.DnsUdpHandler;
import io.peerscope.agent.metrics.Counters;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays a capture file through the project's own reader, frame decoder and DNS layer, with the
 * capture's timestamps as the clock, and collects every transaction line.
 */
final class DnsReplay {
  private DnsReplay() {}

  static List<DnsTransaction> replay(Path pcap, Counters counters) throws IOException {
    List<DnsTransaction> out = new ArrayList<>();
    PacketDecoder decoder = new PacketDecoder(counters);
    DnsTransactionTable table = new DnsTransactionTable(counters, DnsLimits.DEFAULTS);
    table.addListener(out::add);
    DnsUdpHandler udp = new DnsUdpHandler(table);
    Packet packet = new Packet();
    long[] clock = {Long.MIN_VALUE};
    try (PcapFileSource source = PcapFileSource.open(pcap, counters)) {
      source.run(
          (linkType, ts, buf, off, capLen, wireLen) -> {
            if (ts > clock[0]) {
              clock[0] = ts;
              decoder.onTick(ts);
              table.onTick(ts);
            }
            if (decoder.decode(linkType, ts, buf, off, capLen, packet) && DnsUdpHandler.accepts(packet)) {
              udp.onPacket(packet);
            }
          });
    }
    long end = clock[0] == Long.MIN_VALUE ? 0 : clock[0];
    decoder.onEnd(end);
    table.onEnd(end);
    return out;
  }
}
