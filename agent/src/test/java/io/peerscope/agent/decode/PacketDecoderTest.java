package io.peerscope.agent.decode;

import static io.peerscope.agent.decode.Bytes.concat;
import static io.peerscope.agent.decode.Bytes.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.capture.LinkType;
import io.peerscope.agent.metrics.Counters;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PacketDecoderTest {
  /** 17 bytes of DNS: a query header with one question for the root, A, IN. */
  private static final byte[] DNS_ROOT_QUERY = hex("1234 0100 0001 0000 0000 0000", "00 0001 0001");

  /** IPv4 UDP 192.0.2.1:40000 -> 198.51.100.53:53 carrying DNS_ROOT_QUERY. */
  private static final byte[] IPV4_UDP_DNS = concat(hex(
      "45 00 002d", // version 4, IHL 5; TOS; total length 45
      "1234 0000", // identification; flags and fragment offset: none
      "40 11 0000", // TTL 64; protocol UDP; header checksum (not verified)
      "c0000201", // source 192.0.2.1
      "c6336435", // destination 198.51.100.53
      "9c40 0035 0019 0000"), // UDP: port 40000 -> 53, length 25, no checksum
      DNS_ROOT_QUERY);

  /** IPv6 UDP 2001:db8::1:5353 -> 2001:db8::53:53 behind hop-by-hop and destination options. */
  private static final byte[] IPV6_EXT_UDP_DNS = concat(hex(
      "60000000 0029 00 40", // version 6; payload length 41; next: hop-by-hop; hop limit 64
      "20010db8000000000000000000000001", // source 2001:db8::1
      "20010db8000000000000000000000053", // destination 2001:db8::53
      "3c 00 0104 00000000", // hop-by-hop: next destination options, 8 bytes, PadN
      "11 00 0104 00000000", // destination options: next UDP, 8 bytes, PadN
      "14e9 0035 0019 0000"), // UDP: port 5353 -> 53, length 25
      DNS_ROOT_QUERY);

  /** IPv4 TCP 10.0.0.1:25 -> 10.0.0.2:40001 with 12 bytes of options and "220 hi\r\n". */
  private static final byte[] IPV4_TCP_OPTIONS = hex(
      "45 00 003c 0001 4000 40 06 0000", // total length 60, DF, TCP
      "0a000001 0a000002", // 10.0.0.1 -> 10.0.0.2
      "0019 9c41", // port 25 -> 40001
      "fffffffe", // sequence number, near the 2^32 wrap
      "00000007", // acknowledgement number
      "80 18 ffff 0000 0000", // data offset 8 words; PSH|ACK; window; checksum; urgent
      "020405b4 0101080a 00000000", // options: MSS 1460, NOP, NOP, timestamps (cut short)
      "32323020 68690d0a"); // "220 hi\r\n"

  private static final byte[] ETHERNET_IPV4 = hex("020000000002 020000000001 0800"); // dst, src, IPv4
  private static final byte[] ETHERNET_IPV6 = hex("020000000002 020000000001 86dd");

  // Malformed cases, each named for what is wrong with it.
  private static final byte[] MALFORMED_IPV4_HEADER_CUT = Arrays.copyOf(IPV4_UDP_DNS, 19);
  private static final byte[] MALFORMED_IPV4_IHL_4 = patched(IPV4_UDP_DNS, 0, 0x44);
  private static final byte[] MALFORMED_IPV4_TOTAL_LENGTH_BEYOND_CAPTURE = patched(IPV4_UDP_DNS, 3, 0x40);
  private static final byte[] MALFORMED_UDP_LENGTH_7 = patched(IPV4_UDP_DNS, 25, 0x07);
  private static final byte[] MALFORMED_UDP_LENGTH_BEYOND_IP = patched(IPV4_UDP_DNS, 25, 0x30);
  private static final byte[] MALFORMED_TCP_DATA_OFFSET_4 = patched(IPV4_TCP_OPTIONS, 32, 0x40);
  private static final byte[] MALFORMED_TCP_DATA_OFFSET_BEYOND_PACKET = patched(IPV4_TCP_OPTIONS, 32, 0xf0);
  private static final byte[] MALFORMED_IPV6_PAYLOAD_LENGTH_BEYOND_CAPTURE = patched(IPV6_EXT_UDP_DNS, 5, 0x99);
  private static final byte[] MALFORMED_IPV6_EXTENSION_LENGTH_BEYOND_PACKET = patched(IPV6_EXT_UDP_DNS, 41, 0x20);

  private final Counters counters = new Counters();
  private final PacketDecoder decoder = new PacketDecoder(counters);
  private final Packet p = new Packet();

  @Test
  void ethernetIpv4Udp() {
    byte[] frame = concat(ETHERNET_IPV4, IPV4_UDP_DNS);
    assertThat(decoder.decode(LinkType.ETHERNET, 42, frame, 0, frame.length, p)).isTrue();
    assertUdpDnsV4(p);
    assertThat(p.tsMicros).isEqualTo(42);
    assertThat(p.payloadOffset).isEqualTo(14 + 28);
    assertThat(p.frameLength).isEqualTo(frame.length);
  }

  @Test
  void ethernetPaddingIsNotPayload() {
    byte[] frame = concat(ETHERNET_IPV4, IPV4_UDP_DNS, new byte[5]); // padded to the 60-byte minimum
    assertThat(decoder.decode(LinkType.ETHERNET, 0, frame, 0, frame.length, p)).isTrue();
    assertThat(p.payloadLength).isEqualTo(17);
  }

  @Test
  void frameAtAnOffsetInALargerBuffer() {
    byte[] frame = concat(new byte[7], ETHERNET_IPV4, IPV4_UDP_DNS, new byte[9]);
    assertThat(decoder.decode(LinkType.ETHERNET, 0, frame, 7, frame.length - 16, p)).isTrue();
    assertUdpDnsV4(p);
    assertThat(p.payloadOffset).isEqualTo(7 + 14 + 28);
  }

  @Test
  void vlanAndQinqTags() {
    byte[] dot1q = concat(hex("020000000002 020000000001 8100", "0064 0800"), IPV4_UDP_DNS); // VLAN 100
    assertThat(decoder.decode(LinkType.ETHERNET, 0, dot1q, 0, dot1q.length, p)).isTrue();
    assertUdpDnsV4(p);
    byte[] qinq = concat(hex("020000000002 020000000001 88a8", "00c8 8100", "0064 86dd"), IPV6_EXT_UDP_DNS);
    assertThat(decoder.decode(LinkType.ETHERNET, 0, qinq, 0, qinq.length, p)).isTrue();
    assertUdpDnsV6(p);
    byte[] oldQinq = concat(hex("020000000002 020000000001 9100", "00c8 8100", "0064 0800"), IPV4_UDP_DNS);
    assertThat(decoder.decode(LinkType.ETHERNET, 0, oldQinq, 0, oldQinq.length, p)).isTrue();
  }

  @Test
  void pppoeSessionAndMplsLabelStack() {
    byte[] pppoe = concat(hex("020000000002 020000000001 8864",
        "11 00 1234 0031", // version 1, type 1; session data; session 0x1234; length 49
        "0021"), IPV4_UDP_DNS); // PPP protocol: IPv4
    assertThat(decoder.decode(LinkType.ETHERNET, 0, pppoe, 0, pppoe.length, p)).isTrue();
    assertUdpDnsV4(p);
    byte[] mpls = concat(hex("020000000002 020000000001 8847",
        "00064 0 40".replace(" ", ""), // label 100, TC 0, not bottom, TTL 64
        "000c8 1 40".replace(" ", "")), // label 200, bottom of stack, TTL 64
        IPV6_EXT_UDP_DNS);
    assertThat(decoder.decode(LinkType.ETHERNET, 0, mpls, 0, mpls.length, p)).isTrue();
    assertUdpDnsV6(p);
    byte[] pppLcp = concat(hex("020000000002 020000000001 8864", "11 00 1234 0004", "c021"), new byte[4]);
    assertThat(decoder.decode(LinkType.ETHERNET, 0, pppLcp, 0, pppLcp.length, p)).isFalse();
    assertThat(counters.get("decode.non_ip")).isEqualTo(1);
  }

  @Test
  void tooManyVlanTagsAreRejected() {
    byte[] tags = concat(hex("020000000002 020000000001 8100"),
        hex("0001 8100 0002 8100 0003 8100 0004 8100 0005 0800"), IPV4_UDP_DNS);
    assertThat(decoder.decode(LinkType.ETHERNET, 0, tags, 0, tags.length, p)).isFalse();
    assertThat(counters.get("decode.vlan_too_deep")).isEqualTo(1);
  }

  @Test
  void linuxCookedV1AndV2() {
    byte[] sll = concat(hex(
        "0000 0001 0006", // packet type: to us; ARPHRD_ETHER; address length 6
        "020000000001 0000", // address, padded to 8 bytes
        "0800"), IPV4_UDP_DNS); // protocol
    assertThat(decoder.decode(LinkType.LINUX_SLL, 0, sll, 0, sll.length, p)).isTrue();
    assertUdpDnsV4(p);
    byte[] sll2 = concat(hex(
        "86dd 0000", // protocol; reserved
        "00000002", // interface index
        "0001 00 06", // ARPHRD_ETHER; packet type; address length
        "020000000001 0000"), IPV6_EXT_UDP_DNS); // address
    assertThat(decoder.decode(LinkType.LINUX_SLL2, 0, sll2, 0, sll2.length, p)).isTrue();
    assertUdpDnsV6(p);
  }

  @Test
  void rawIpUnderEveryNumber() {
    for (int lt : new int[] {LinkType.RAW, LinkType.RAW_OLD_12, LinkType.RAW_OLD_14, LinkType.IPV4}) {
      assertThat(decoder.decode(lt, 0, IPV4_UDP_DNS, 0, IPV4_UDP_DNS.length, p)).as("link type %d", lt).isTrue();
      assertUdpDnsV4(p);
    }
    for (int lt : new int[] {LinkType.RAW, LinkType.IPV6}) {
      assertThat(decoder.decode(lt, 0, IPV6_EXT_UDP_DNS, 0, IPV6_EXT_UDP_DNS.length, p)).isTrue();
      assertUdpDnsV6(p);
    }
    assertThat(decoder.decode(LinkType.IPV4, 0, IPV6_EXT_UDP_DNS, 0, IPV6_EXT_UDP_DNS.length, p)).isFalse();
    assertThat(counters.get("decode.bad_ip_header")).isEqualTo(1);
  }

  @Test
  void bsdLoopbackInBothByteOrders() {
    byte[] littleEndianInet = concat(hex("02000000"), IPV4_UDP_DNS); // AF_INET from an x86 host
    byte[] bigEndianInet = concat(hex("00000002"), IPV4_UDP_DNS); // AF_INET from a big-endian host
    byte[] macInet6 = concat(hex("1e000000"), IPV6_EXT_UDP_DNS); // AF_INET6 = 30 on macOS
    byte[] loopInet6 = concat(hex("00000018"), IPV6_EXT_UDP_DNS); // OpenBSD LOOP, AF_INET6 = 24
    assertThat(decoder.decode(LinkType.NULL, 0, littleEndianInet, 0, littleEndianInet.length, p)).isTrue();
    assertUdpDnsV4(p);
    assertThat(decoder.decode(LinkType.NULL, 0, bigEndianInet, 0, bigEndianInet.length, p)).isTrue();
    assertThat(decoder.decode(LinkType.NULL, 0, macInet6, 0, macInet6.length, p)).isTrue();
    assertUdpDnsV6(p);
    assertThat(decoder.decode(LinkType.LOOP, 0, loopInet6, 0, loopInet6.length, p)).isTrue();
    byte[] appletalk = concat(hex("10000000"), IPV4_UDP_DNS);
    assertThat(decoder.decode(LinkType.NULL, 0, appletalk, 0, appletalk.length, p)).isFalse();
    assertThat(counters.get("decode.non_ip")).isEqualTo(1);
  }

  @Test
  void tcpWithOptions() {
    assertThat(decoder.decode(LinkType.RAW, 0, IPV4_TCP_OPTIONS, 0, IPV4_TCP_OPTIONS.length, p)).isTrue();
    assertThat(p.protocol).isEqualTo(Packet.TCP);
    assertThat(p.src()).isEqualTo(IpAddress.parse("10.0.0.1"));
    assertThat(p.srcPort).isEqualTo(25);
    assertThat(p.dstPort).isEqualTo(40001);
    assertThat(p.tcpSeq).isEqualTo(0xfffffffeL);
    assertThat(p.tcpAck).isEqualTo(7);
    assertThat(p.tcpFlags).isEqualTo(Packet.PSH | Packet.ACK);
    assertThat(new String(p.buf, p.payloadOffset, p.payloadLength)).isEqualTo("220 hi\r\n");
  }

  @Test
  void ipv6AuthenticationHeaderIsWalkedAndEspStops() {
    byte[] ah = concat(hex(
        "60000000 0025 33 40", // payload length 37; next: AH
        "20010db8000000000000000000000001", "20010db8000000000000000000000053",
        "11 01 0000 00000001", // AH: next UDP; length 1 means (1+2)*4 = 12 bytes; SPI
        "00000001"), // sequence number (and no ICV, as the length says)
        hex("14e9 0035 0019 0000"), DNS_ROOT_QUERY);
    assertThat(decoder.decode(LinkType.RAW, 0, ah, 0, ah.length, p)).isTrue();
    assertUdpDnsV6(p);
    assertThat(decoder.decode(LinkType.RAW, 0, ah, 0, ah.length - 4, p)).as("cut by the snap length").isFalse();
    byte[] esp = patched(IPV6_EXT_UDP_DNS, 6, 50);
    assertThat(decoder.decode(LinkType.RAW, 0, esp, 0, esp.length, p)).isFalse();
    assertThat(counters.get("decode.encrypted")).isEqualTo(1);
  }

  @Test
  void ipv6ExtensionChainIsBounded() {
    DecodeLimits two = new DecodeLimits(4, 1, 16, 1 << 20, 1_000_000);
    PacketDecoder strict = new PacketDecoder(counters, two);
    assertThat(strict.decode(LinkType.RAW, 0, IPV6_EXT_UDP_DNS, 0, IPV6_EXT_UDP_DNS.length, p)).isFalse();
    assertThat(counters.get("decode.ipv6_extension_chain_too_long")).isEqualTo(1);
  }

  @Test
  void otherProtocolsAndLinksAreCountedNotDecoded() {
    byte[] icmp = patched(IPV4_UDP_DNS, 9, 1);
    assertThat(decoder.decode(LinkType.RAW, 0, icmp, 0, icmp.length, p)).isFalse();
    assertThat(counters.get("decode.other_protocol")).isEqualTo(1);
    byte[] arp = concat(hex("ffffffffffff 020000000001 0806"), new byte[28]);
    assertThat(decoder.decode(LinkType.ETHERNET, 0, arp, 0, arp.length, p)).isFalse();
    assertThat(counters.get("decode.non_ip")).isEqualTo(1);
    assertThat(decoder.decode(147, 0, arp, 0, arp.length, p)).isFalse(); // LINKTYPE_USER0
    assertThat(counters.get("decode.unsupported_link_type")).isEqualTo(1);
  }

  @Test
  void malformedPacketsAreCountedByReason() {
    reject(MALFORMED_IPV4_HEADER_CUT, "decode.truncated");
    reject(MALFORMED_IPV4_IHL_4, "decode.bad_ip_header");
    reject(MALFORMED_IPV4_TOTAL_LENGTH_BEYOND_CAPTURE, "decode.truncated");
    reject(MALFORMED_UDP_LENGTH_7, "decode.bad_udp_header");
    reject(MALFORMED_UDP_LENGTH_BEYOND_IP, "decode.truncated");
    reject(MALFORMED_TCP_DATA_OFFSET_4, "decode.bad_tcp_header");
    reject(MALFORMED_TCP_DATA_OFFSET_BEYOND_PACKET, "decode.truncated");
    reject(MALFORMED_IPV6_PAYLOAD_LENGTH_BEYOND_CAPTURE, "decode.truncated");
    reject(MALFORMED_IPV6_EXTENSION_LENGTH_BEYOND_PACKET, "decode.truncated");
    byte[] shortEthernet = hex("0200000000");
    assertThat(decoder.decode(LinkType.ETHERNET, 0, shortEthernet, 0, shortEthernet.length, p)).isFalse();
    assertThat(decoder.decode(LinkType.ETHERNET, 0, shortEthernet, 0, 99, p)).as("capLen past the array").isFalse();
  }

  @Test
  void everyPrefixOfEveryFixtureIsSafe() {
    byte[][] fixtures = {
      concat(ETHERNET_IPV4, IPV4_UDP_DNS), concat(ETHERNET_IPV6, IPV6_EXT_UDP_DNS),
      concat(ETHERNET_IPV4, IPV4_TCP_OPTIONS)
    };
    for (byte[] f : fixtures) {
      for (int len = 1; len < f.length; len++) {
        boolean ok = decoder.decode(LinkType.ETHERNET, 0, f, 0, len, p);
        if (ok) {
          assertThat(p.payloadOffset + p.payloadLength).isLessThanOrEqualTo(len);
        }
      }
    }
    assertThat(counters.get("decode.truncated")).isPositive();
  }

  private void reject(byte[] ipPacket, String counter) {
    long before = counters.get(counter);
    assertThat(decoder.decode(LinkType.RAW, 0, ipPacket, 0, ipPacket.length, p)).as(counter).isFalse();
    assertThat(counters.get(counter)).as(counter).isEqualTo(before + 1);
  }

  private static void assertUdpDnsV4(Packet p) {
    assertThat(p.ipVersion).isEqualTo(4);
    assertThat(p.protocol).isEqualTo(Packet.UDP);
    assertThat(p.src()).isEqualTo(IpAddress.parse("192.0.2.1"));
    assertThat(p.dst()).isEqualTo(IpAddress.parse("198.51.100.53"));
    assertThat(p.srcPort).isEqualTo(40000);
    assertThat(p.dstPort).isEqualTo(53);
    assertThat(Arrays.copyOfRange(p.buf, p.payloadOffset, p.payloadOffset + p.payloadLength))
        .isEqualTo(DNS_ROOT_QUERY);
  }

  private static void assertUdpDnsV6(Packet p) {
    assertThat(p.ipVersion).isEqualTo(6);
    assertThat(p.protocol).isEqualTo(Packet.UDP);
    assertThat(p.src()).isEqualTo(IpAddress.parse("2001:db8::1"));
    assertThat(p.dst()).isEqualTo(IpAddress.parse("2001:db8::53"));
    assertThat(p.srcPort).isEqualTo(5353);
    assertThat(p.dstPort).isEqualTo(53);
    assertThat(Arrays.copyOfRange(p.buf, p.payloadOffset, p.payloadOffset + p.payloadLength))
        .isEqualTo(DNS_ROOT_QUERY);
  }

  private static byte[] patched(byte[] b, int index, int value) {
    byte[] c = b.clone();
    c[index] = (byte) value;
    return c;
  }
}
