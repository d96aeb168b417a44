package io.peerscope.agent.dns;

import io.peerscope.agent.decode.Packet;

/**
 * Feeds UDP DNS datagrams (port 53 or mDNS 5353 on either side) into the transaction table. One
 * datagram is one message (RFC 1035 4.2.1); no allocation happens before the parser has accepted
 * the header and question.
 */
public final class DnsUdpHandler {
  public static final int DNS_PORT = 53;
  public static final int MDNS_PORT = 5353;

  private final DnsTransactionTable table;

  public DnsUdpHandler(DnsTransactionTable table) {
    this.table = table;
  }

  /** Whether a decoded packet belongs to this handler: UDP with port 53 or 5353 on either side. */
  public static boolean accepts(Packet p) {
    return p.protocol == Packet.UDP && (isDnsPort(p.srcPort) || isDnsPort(p.dstPort));
  }

  private static boolean isDnsPort(int port) {
    return port == DNS_PORT || port == MDNS_PORT;
  }

  public void onPacket(Packet p) {
    table.onMessage(
        p.tsMicros, p.srcHi, p.srcLo, p.srcPort, p.dstHi, p.dstLo, p.dstPort, false, p.buf, p.payloadOffset, p.payloadLength);
  }
}
