package io.peerscope.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.capture.PcapFileSource;
import io.peerscope.agent.decode.Packet;
import io.peerscope.agent.decode.PacketDecoder;
import io.peerscope.agent.metrics.Counters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workload captures read back through the agent's own reader and decoder. */
class WorkloadsTest {
  private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

  @TempDir Path dir;

  /** What a workload holds, tallied frame by frame. */
  private static final class Tally {
    long frames;
    long undecoded;
    long dnsQueries;
    long dnsResponses;
    long nxdomain;
    long smtpSegments;
    final Set<String> clients = new HashSet<>();
    final Set<String> names = new HashSet<>();
  }

  @Test
  void dnsIsQueriesAndResponsesOverZipfNamesFromThousandsOfClientsWithSomeNxdomain() throws IOException {
    Tally t = read(Workloads.ensure(dir, "dns", 20_000, QUIET));
    assertThat(t.frames).isEqualTo(20_000);
    assertThat(t.undecoded).isZero();
    assertThat(t.dnsQueries).isEqualTo(10_000);
    assertThat(t.dnsResponses).isEqualTo(10_000);
    assertThat(t.nxdomain).isBetween(100L, 2_000L);
    assertThat(t.clients).hasSizeGreaterThan(3_000);
    // Zipf: a few names are asked again and again, most rarely
    assertThat(t.names.size()).isBetween(1_000, 9_000);
    assertThat(t.smtpSegments).isZero();
  }

  @Test
  void mixedAddsSmtpSessionsToTheDns() throws IOException {
    Tally t = read(Workloads.ensure(dir, "mixed", 20_000, QUIET));
    assertThat(t.frames).isGreaterThanOrEqualTo(20_000);
    assertThat(t.undecoded).isZero();
    assertThat(t.smtpSegments).isGreaterThan(100);
    assertThat(t.dnsQueries).isGreaterThan(9_000);
  }

  @Test
  void floodAsksANewNameEveryTimeAndEveryAnswerIsNxdomain() throws IOException {
    Tally t = read(Workloads.ensure(dir, "flood", 10_000, QUIET));
    assertThat(t.frames).isEqualTo(10_000);
    assertThat(t.dnsResponses).isEqualTo(5_000);
    assertThat(t.nxdomain).isEqualTo(5_000);
    assertThat(t.names).hasSize(5_000);
  }

  @Test
  void generationIsDeterministicAndAnExistingFileIsReused() throws IOException {
    Path a = Workloads.ensure(dir.resolve("a"), "dns", 4_000, QUIET);
    Path b = Workloads.ensure(dir.resolve("b"), "dns", 4_000, QUIET);
    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));

    FileTime old = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(a, old);
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    Path again = Workloads.ensure(dir.resolve("a"), "dns", 4_000, new PrintStream(said, true, StandardCharsets.UTF_8));
    assertThat(again).isEqualTo(a);
    assertThat(Files.getLastModifiedTime(again)).isEqualTo(old);
    assertThat(said.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  private static Tally read(Path file) throws IOException {
    Counters counters = new Counters();
    PacketDecoder decoder = new PacketDecoder(counters);
    Packet p = new Packet();
    Tally t = new Tally();
    try (PcapFileSource source = PcapFileSource.open(file, counters)) {
      source.run((linkType, ts, buf, off, capLen, wireLen) -> {
        t.frames++;
        if (!decoder.decode(linkType, ts, buf, off, capLen, p)) {
          t.undecoded++;
          return;
        }
        if (p.protocol == Packet.TCP && (p.srcPort == 25 || p.dstPort == 25)) {
          t.smtpSegments++;
        } else if (p.protocol == Packet.UDP && p.payloadLength >= 12) {
          boolean response = (p.buf[p.payloadOffset + 2] & 0x80) != 0;
          if (response) {
            t.dnsResponses++;
            if ((p.buf[p.payloadOffset + 3] & 0x0f) == 3) {
              t.nxdomain++;
            }
          } else {
            t.dnsQueries++;
            t.clients.add(p.src().toString());
            // the question name's wire form, from offset 12 to its root label
            int end = p.payloadOffset + 12;
            while (p.buf[end] != 0) {
              end += (p.buf[end] & 0xff) + 1;
            }
            t.names.add(new String(p.buf, p.payloadOffset + 12, end - p.payloadOffset - 12, StandardCharsets.ISO_8859_1));
          }
        }
      });
    }
    return t;
  }
}
