package io.peerscope.app.bench;

import io.peerscope.agent.decode.IpAddress;
import io.peerscope.agent.synth.FrameBuilder;
import io.peerscope.agent.synth.PcapWriter;
import io.peerscope.agent.synth.TcpConversation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The benchmark's captures, generated deterministically (fixed seeds) so that every run and
 * every machine measures the same bytes: {@code dns} (queries and responses over Zipf-distributed
 * names from thousands of clients, some NXDOMAIN), {@code mixed} (the same plus SMTP sessions) and
 * {@code flood} (a random-subdomain flood: every name new, every answer NXDOMAIN). A file is reused
 * when it exists with the expected name, which encodes its size.
 */
final class Workloads {
  static final String[] NAMES = {"dns", "mixed", "flood"};
  private static final long START_MICROS = 1_700_000_000_000_000L;
  private static final int DISTINCT_NAMES = 50_000;
  private static final int CLIENTS = 5_000;
  private static final int RESOLVERS = 16;

  private Workloads() {}

  /**
   * Packets of a workload: 2 million in a full run, 100 thousand with --quick (the JIT is still
   * warming up then: a smoke run, not a measurement).
   */
  static long packets(boolean quick) {
    return quick ? 100_000 : 2_000_000;
  }

  static Path ensure(Path dir, String workload, long packets, java.io.PrintStream progress)
      throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(workload + "-" + packets + ".pcap");
    if (Files.exists(file) && Files.size(file) > 24) {
      return file;
    }
    progress.printf("generating %s (%,d packets) ...%n", file, packets);
    Path tmp = dir.resolve(file.getFileName() + ".tmp");
    try (PcapWriter out = PcapWriter.create(tmp)) {
      switch (workload) {
        case "dns" -> dns(out, packets, new SplittableRandom(53), 0);
        case "mixed" -> mixed(out, packets);
        case "flood" -> flood(out, packets);
        default -> throw new IllegalArgumentException("unknown workload " + workload);
      }
    }
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return file;
  }

  /** Writes query/response pairs until {@code packets} frames; returns the capture time reached. */
  private static long dns(PcapWriter out, long packets, SplittableRandom rnd, long startOffset) {
    Zipf zipf = new Zipf(DISTINCT_NAMES, 1.0, rnd);
    long ts = START_MICROS + startOffset;
    for (long i = 0; i + 1 < packets; i += 2) {
      int name = zipf.next();
      IpAddress client = IpAddress.ofV4(0x0a00_0000 | (1 + rnd.nextInt(CLIENTS)));
      IpAddress resolver = IpAddress.ofV4(0xc000_0235 + rnd.nextInt(RESOLVERS)); // 192.0.2.53+
      int port = 1024 + rnd.nextInt(60_000);
      int id = rnd.nextInt(65_536);
      String qname = "host" + name + ".zone" + (name % 997) + ".example";
      boolean nx = name % 20 == 7; // one name in twenty does not exist
      ts += 5 + rnd.nextInt(10);
      out.write(ts, FrameBuilder.udp(client, port, resolver, 53, DnsBytes.query(id, qname, 1)));
      ts += 20 + rnd.nextInt(200);
      byte[] response =
          nx
              ? DnsBytes.response(id, qname, 1, 3, 0)
              : DnsBytes.response(id, qname, 1, 0, 0xcb00_7100 | (name & 0xff)); // 203.0.113.x
      out.write(ts, FrameBuilder.udp(resolver, 53, client, port, response));
    }
    return ts - START_MICROS;
  }

  private static void mixed(PcapWriter out, long packets) {
    SplittableRandom rnd = new SplittableRandom(25);
    long written = 0;
    long offset = 0;
    int session = 0;
    while (written < packets) {
      long burst = Math.min(2_000, packets - written);
      offset = dns(out, burst, rnd, offset);
      written += burst;
      if (written >= packets) {
        break;
      }
      TcpConversation smtp = smtpSession(session++, START_MICROS + offset + 100);
      long before = out.frames();
      smtp.writeTo(out);
      written += out.frames() - before;
      offset += 50_000;
    }
  }

  private static TcpConversation smtpSession(int n, long startMicros) {
    IpAddress client = IpAddress.ofV4(0x0a01_0000 | (1 + n % 250));
    IpAddress server = IpAddress.ofV4(0xc633_6419 + n % 4); // 198.51.100.25+
    TcpConversation c =
        new TcpConversation(client, 20_000 + n % 40_000, server, 25, startMicros).stepMicros(200);
    c.open()
        .serverSends(ascii("220 mail.example ESMTP Postfix\r\n"))
        .clientSends(ascii("EHLO client" + n + ".example\r\n"))
        .serverSends(ascii("250-mail.example\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-STARTTLS\r\n250 8BITMIME\r\n"))
        .clientSends(ascii("MAIL FROM:<a" + n + "@example.org>\r\n"))
        .serverSends(ascii("250 2.1.0 Ok\r\n"))
        .clientSends(ascii("RCPT TO:<b@example>\r\n"))
        .serverSends(ascii("250 2.1.5 Ok\r\n"))
        .clientSends(ascii("DATA\r\n"))
        .serverSends(ascii("354 End data with <CR><LF>.<CR><LF>\r\n"))
        .clientSends(
            ascii("Subject: bench " + n + "\r\nX-Mailer: bench\r\n\r\n" + "body line\r\n".repeat(20) + ".\r\n"))
        .serverSends(ascii("250 2.0.0 Ok: queued\r\n"))
        .clientSends(ascii("QUIT\r\n"))
        .serverSends(ascii("221 2.0.0 Bye\r\n"))
        .close();
    return c;
  }

  private static void flood(PcapWriter out, long packets) {
    SplittableRandom rnd = new SplittableRandom(666);
    long ts = START_MICROS;
    char[] label = new char[12];
    for (long i = 0; i + 1 < packets; i += 2) {
      for (int k = 0; k < label.length; k++) {
        label[k] = (char) ('a' + rnd.nextInt(26));
      }
      String qname = new String(label) + ".victim.example";
      IpAddress client = IpAddress.ofV4(0x0a02_0000 | rnd.nextInt(65_536));
      IpAddress resolver = IpAddress.ofV4(0xc000_0235 + rnd.nextInt(RESOLVERS));
      int port = 1024 + rnd.nextInt(60_000);
      int id = rnd.nextInt(65_536);
      ts += 2 + rnd.nextInt(4);
      out.write(ts, FrameBuilder.udp(client, port, resolver, 53, DnsBytes.query(id, qname, 1)));
      ts += 10 + rnd.nextInt(50);
      out.write(ts, FrameBuilder.udp(resolver, 53, client, port, DnsBytes.response(id, qname, 1, 3, 0)));
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** Zipf(s) sampling over 1..n by inverting a precomputed cumulative table. */
  private static final class Zipf {
    private final double[] cumulative;
    private final SplittableRandom rnd;

    Zipf(int n, double s, SplittableRandom rnd) {
      this.rnd = rnd;
      cumulative = new double[n];
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += 1.0 / Math.pow(i + 1, s);
        cumulative[i] = sum;
      }
      for (int i = 0; i < n; i++) {
        cumulative[i] /= sum;
      }
    }

    int next() {
      int i = java.util.Arrays.binarySearch(cumulative, rnd.nextDouble());
      return i >= 0 ? i : Math.min(-i - 1, cumulative.length - 1);
    }
  }
}
