package io.peerscope.agent.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.decode.IpAddress;
import io.peerscope.agent.decode.Packet;
import io.peerscope.agent.decode.PacketDecoder;
import io.peerscope.agent.metrics.Counters;
import io.peerscope.agent.synth.DnsWire;
import io.peerscope.agent.synth.FrameBuilder;
import io.peerscope.agent.synth.PcapNgWriter;
import io.peerscope.agent.synth.PcapWriter;
import io.peerscope.agent.synth.TcpConversation;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Type;

/**
 * Captures damaged at random (fixed seeds, so failures reproduce): flipped bytes anywhere, in
 * headers, lengths and payloads. Reading and decoding them never throws, whatever the damage;
 * a file whose magic got hit is refused as not a capture, which is also an answer.
 */
class DamagedCapturesTest {
  private static final IpAddress CLIENT = IpAddress.parse("192.0.2.10");
  private static final IpAddress SERVER = IpAddress.parse("2001:db8::53");
  private static final IpAddress SERVER4 = IpAddress.parse("198.51.100.53");

  @TempDir Path dir;

  @Test
  void randomlyDamagedPcapAndPcapngNeverThrow() throws IOException {
    byte[] pcap = Files.readAllBytes(writePcap());
    byte[] pcapng = Files.readAllBytes(writePcapng());
    Random random = new Random(20161123);
    int refused = 0;
    for (int round = 0; round < 300; round++) {
      byte[] original = round % 2 == 0 ? pcap : pcapng;
      byte[] damaged = original.clone();
      int flips = 1 + random.nextInt(8);
      for (int i = 0; i < flips; i++) {
        damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
      }
      int cut = random.nextInt(4) == 0 ? random.nextInt(damaged.length) : damaged.length;
      Path file = dir.resolve("damaged-" + round + (round % 2 == 0 ? ".pcap" : ".pcapng"));
      Files.write(file, java.util.Arrays.copyOf(damaged, cut));
      Counters counters = new Counters();
      PacketDecoder decoder = new PacketDecoder(counters);
      Packet p = new Packet();
      try (PcapFileSource src = PcapFileSource.open(file, counters)) {
        src.run((lt, ts, buf, off, cap, wire) -> {
          assertThat(cap).isBetween(0, 262_144);
          if (decoder.decode(lt, ts, buf, off, cap, p)) {
            assertThat(p.payloadOffset + p.payloadLength).isLessThanOrEqualTo(p.buf.length);
          }
        });
      } catch (NotACaptureException e) {
        refused++;
      }
      decoder.onEnd(0);
    }
    assertThat(refused).as("only damage to the first bytes makes a file unreadable").isLessThan(60);
  }

  private Path writePcap() throws IOException {
    Path file = dir.resolve("clean.pcap");
    try (PcapWriter w = PcapWriter.create(file)) {
      for (int i = 0; i < 20; i++) {
        w.write(1_000_000L * i, FrameBuilder.udp(CLIENT, 40000 + i, SERVER4, 53, DnsWire.query(i, "n" + i + ".example", Type.A)));
      }
      for (byte[] f : FrameBuilder.ipv4Fragments(SERVER4, CLIENT, 17, 9,
          FrameBuilder.udpSegment(SERVER4, 53, CLIENT, 40000, new byte[3000]), 1480)) {
        w.write(30_000_000L, f);
      }
      new TcpConversation(CLIENT, 50000, SERVER4, 25, 40_000_000L).open()
          .serverSends("220 hi\r\n".getBytes()).clientSends("QUIT\r\n".getBytes()).close().writeTo(w);
    }
    return file;
  }

  private Path writePcapng() throws IOException {
    Path file = dir.resolve("clean.pcapng");
    IpAddress client6 = IpAddress.parse("2001:db8::10");
    try (PcapNgWriter w = new PcapNgWriter(Files.newOutputStream(file), ByteOrder.BIG_ENDIAN)) {
      w.addInterface(LinkType.ETHERNET, 65535, 9);
      for (int i = 0; i < 20; i++) {
        w.write(0, 1_000_000L * i, FrameBuilder.udp(client6, 40000 + i, SERVER, 53, DnsWire.query(i, "n" + i + ".example", Type.AAAA)), 100);
      }
      for (byte[] f : FrameBuilder.ipv6Fragments(SERVER, client6, 17, 9,
          FrameBuilder.udpSegment(SERVER, 53, client6, 40000, new byte[3000]), 1232)) {
        w.write(0, 30_000_000L, f, f.length);
      }
      w.writeSimple(FrameBuilder.udp(client6, 1, SERVER, 53, new byte[12]));
    }
    return file;
  }
}
