package io.peerscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.synth.DnsWire;
import io.peerscope.agent.synth.FrameBuilder;
import io.peerscope.agent.synth.PcapWriter;
import io.peerscope.agent.decode.IpAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * Issue 2, must-show 5 at the command level: damaged input is normal input. The agent survives
 * Zeek's corrupt traces, a truncated file and random bytes after a valid header, counts the
 * errors and exits 0; a file that is not a capture at all exits 2 with a clear message.
 */
class MalformedInputTest {
  private static final Pattern ERRORS = Pattern.compile("(\\d+) errors counted");

  @TempDir Path dir;

  /** Zeek traces kept for their weirds: broken EDNS, compression loops, malformed SVCB, cut records. */
  private static final List<String[]> ZEEK_CORRUPT =
      List.of(
          new String[] {"dns", "dns-edns-ecs"},
          new String[] {"dns", "edns-bad-length"},
          new String[] {"dns", "max-compression-depth"},
          new String[] {"dns", "max-queries"},
          new String[] {"dns", "svcb-port-malformed"},
          new String[] {"dns", "svcb-rdlength-mismatch"},
          new String[] {"dns", "loc"},
          new String[] {"dns", "sshfp"},
          new String[] {"smtp", "bdat-gap"},
          new String[] {"smtp", "mime-header-size-limit"});

  @Test
  void zeekCorruptTracesExitZeroAndCountErrors() throws Exception {
    long totalErrors = 0;
    int files = 0;
    for (String[] t : ZEEK_CORRUPT) {
      try (Stream<Path> s = Files.list(Corpus.zeek(t[0], t[1]))) {
        for (Path pcap : s.filter(p -> p.toString().matches(".*\\.pcap(ng)?$")).sorted().toList()) {
          Path logs = dir.resolve(t[1] + "-" + pcap.getFileName());
          Cli.Run r = Cli.run("agent", "--read", pcap.toString(), "--logs", logs.toString());
          assertThat(r.exitCode()).as(pcap + ": " + r.err()).isZero();
          assertThat(logs.resolve("dns.jsonl")).as(pcap.toString()).exists();
          totalErrors += errorsCounted(r);
          files++;
        }
      }
    }
    assertThat(files).isGreaterThanOrEqualTo(ZEEK_CORRUPT.size());
    assertThat(totalErrors).as("parse errors counted over Zeek's corrupt traces").isPositive();
  }

  /** A query whose name is a compression pointer to itself (RFC 1035 4.1.4 allows only backwards). */
  private static final byte[] SELF_POINTING_NAME_QUERY = {
    0x12, 0x34, // id
    0x01, 0x00, // flags: RD
    0x00, 0x01, // QDCOUNT 1
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // AN, NS, AR counts
    (byte) 0xc0, 0x0c, // QNAME: pointer to offset 12, itself
    0x00, 0x01, 0x00, 0x01 // QTYPE A, QCLASS IN
  };

  @Test
  void compressionLoopIsCountedAsAParseError() throws Exception {
    Path pcap = dir.resolve("loop.pcap");
    try (PcapWriter w = PcapWriter.create(pcap)) {
      w.write(1_700_000_000_000_000L, FrameBuilder.udp(
          IpAddress.parse("192.0.2.10"), 40000, IpAddress.parse("192.0.2.53"), 53, SELF_POINTING_NAME_QUERY));
    }
    Cli.Run r = Cli.run("agent", "--read", pcap.toString(), "--logs", dir.resolve("loop").toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).containsPattern("dns\\.parse_errors\\.[a-z_]+=1");
    assertThat(errorsCounted(r)).isEqualTo(1);
  }

  @Test
  void truncatedFileExitsZeroAndCountsTheCutRecord() throws Exception {
    Path whole = dnsCapture(dir.resolve("whole.pcap"), 50);
    byte[] bytes = Files.readAllBytes(whole);
    Path cut = dir.resolve("cut.pcap");
    Files.write(cut, Arrays.copyOf(bytes, bytes.length - 30)); // ends inside the last record
    Cli.Run r = Cli.run("agent", "--read", cut.toString(), "--logs", dir.resolve("cut").toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).contains("capture.truncated_records=1");
    assertThat(errorsCounted(r)).isPositive();
    // everything before the cut was still decoded: 49 complete transactions at least
    assertThat(Files.readAllLines(dir.resolve("cut/dns.jsonl")).size()).isGreaterThanOrEqualTo(49);
  }

  @Test
  void randomBytesAfterAValidHeaderExitZero() throws Exception {
    Path pcap = dnsCapture(dir.resolve("head.pcap"), 0);
    byte[] header = Files.readAllBytes(pcap);
    byte[] junk = new byte[256 * 1024];
    new Random(5).nextBytes(junk);
    byte[] all = Arrays.copyOf(header, header.length + junk.length);
    System.arraycopy(junk, 0, all, header.length, junk.length);
    Files.write(pcap, all);
    Cli.Run r = Cli.run("agent", "--read", pcap.toString(), "--logs", dir.resolve("junk").toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(errorsCounted(r)).isPositive();
  }

  @Test
  void randomBytesFileIsNotACaptureExitTwo() throws Exception {
    Path f = dir.resolve("random.bin");
    byte[] junk = new byte[4096];
    new Random(7).nextBytes(junk);
    junk[0] = 0x13; // not any pcap or pcapng magic
    Files.write(f, junk);
    Cli.Run r = Cli.run("agent", "--read", f.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("random.bin");
  }

  @Test
  void textFileIsNotACaptureExitTwoWithClearMessage() throws Exception {
    Path f = dir.resolve("notes.txt");
    Files.writeString(f, "these are my notes, not a capture\n");
    Cli.Run r = Cli.run("agent", "--read", f.toString(), "--logs", dir.resolve("t").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("notes.txt").containsIgnoringCase("not a");
    assertThat(r.err()).doesNotContain("Exception\n\tat ");
  }

  /** A small valid DNS capture: n queries each answered. */
  static Path dnsCapture(Path file, int n) throws Exception {
    IpAddress client = IpAddress.parse("192.0.2.10");
    IpAddress server = IpAddress.parse("192.0.2.53");
    try (PcapWriter w = PcapWriter.create(file)) {
      long t = 1_700_000_000_000_000L;
      for (int i = 0; i < n; i++) {
        String name = "host" + i + ".example.com";
        w.write(t, FrameBuilder.udp(client, 40000 + i, server, 53, DnsWire.query(i, name, Type.A)));
        w.write(t + 500, FrameBuilder.udp(server, 53, client, 40000 + i,
            DnsWire.response(i, name, Type.A, Rcode.NOERROR, DnsWire.a(name, 60, "198.51.100." + (i % 250)))));
        t += 10_000;
      }
    }
    return file;
  }

  static long errorsCounted(Cli.Run r) {
    Matcher m = ERRORS.matcher(r.err());
    assertThat(m.find()).as("summary line in: " + r.err()).isTrue();
    return Long.parseLong(m.group(1));
  }
}
