package io.peerscope.agent.synth;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.capture.PcapFileSource;
import io.peerscope.agent.decode.IpAddress;
import io.peerscope.agent.decode.Packet;
import io.peerscope.agent.decode.PacketDecoder;
import io.peerscope.agent.metrics.Counters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * A generated capture checked by an outside judge (tcpdump verifies every IP, UDP and TCP
 * checksum and parses the DNS) and read back through the project's own reader and decoder.
 */
class SyntheticCaptureRoundTripTest {
  private static final IpAddress CLIENT = IpAddress.parse("192.0.2.10");
  private static final IpAddress RESOLVER = IpAddress.parse("198.51.100.53");
  private static final IpAddress CLIENT6 = IpAddress.parse("2001:db8::10");
  private static final IpAddress MX6 = IpAddress.parse("2001:db8::25");

  @TempDir Path dir;

  @Test
  void tcpdumpAgreesWithEveryChecksumAndTheReaderSeesEveryPayload() throws Exception {
    Path file = dir.resolve("dns-and-smtp.pcap");
    String smtpIn = "EHLO client.example\r\nQUIT\r\n";
    String smtpOut = "220 mx.example ESMTP\r\n250 mx.example\r\n221 bye\r\n";
    try (PcapWriter w = PcapWriter.create(file)) {
      w.write(1_000_000, FrameBuilder.udp(CLIENT, 40000, RESOLVER, 53, DnsWire.query(7, "example.com", Type.MX)));
      w.write(1_000_500, FrameBuilder.udp(RESOLVER, 53, CLIENT, 40000,
          DnsWire.response(7, "example.com", Type.MX, Rcode.NOERROR, DnsWire.mx("example.com", 300, 10, "mx.example.com"))));
      new TcpConversation(CLIENT6, 50000, MX6, 25, 2_000_000).segmentSize(16).open()
          .serverSends(smtpOut.getBytes(StandardCharsets.US_ASCII))
          .clientSends(smtpIn.getBytes(StandardCharsets.US_ASCII)).close().writeTo(w);
    }
    String verbose = tcpdump(file, "-vv", "-n");
    assertThat(verbose).doesNotContain("incorrect").doesNotContain("bad udp cksum").doesNotContain("bad cksum");
    assertThat(verbose).contains("MX? example.com.").contains("MX mx.example.com. 10");
    assertThat(verbose).contains("cksum").contains("(correct)");

    Counters counters = new Counters();
    PacketDecoder decoder = new PacketDecoder(counters);
    Packet p = new Packet();
    ByteArrayOutputStream fromServer = new ByteArrayOutputStream();
    ByteArrayOutputStream fromClient = new ByteArrayOutputStream();
    int[] udp = {0};
    try (PcapFileSource src = PcapFileSource.open(file, counters)) {
      src.run((lt, ts, buf, off, cap, wire) -> {
        assertThat(decoder.decode(lt, ts, buf, off, cap, p)).isTrue();
        if (p.protocol == Packet.UDP) {
          udp[0]++;
        } else {
          (p.srcPort == 25 ? fromServer : fromClient).write(p.buf, p.payloadOffset, p.payloadLength);
        }
      });
    }
    assertThat(udp[0]).isEqualTo(2);
    assertThat(fromServer.toString(StandardCharsets.US_ASCII)).isEqualTo(smtpOut);
    assertThat(fromClient.toString(StandardCharsets.US_ASCII)).isEqualTo(smtpIn);
  }

  private static String tcpdump(Path file, String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("tcpdump", "-r", file.toString()));
    cmd.addAll(List.of(args));
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      throw new AssertionError("tcpdump is missing: install the Debian package tcpdump (bin/peerscope test does)", e);
    }
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("tcpdump did not finish on " + file);
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
