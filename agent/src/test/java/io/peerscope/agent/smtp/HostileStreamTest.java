package io.peerscope.agent.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.capture.PcapFileSource;
import io.peerscope.agent.decode.Packet;
import io.peerscope.agent.decode.PacketDecoder;
import io.peerscope.agent.metrics.Counters;
import io.peerscope.agent.synth.PcapWriter;
import io.peerscope.agent.synth.TcpConversation;
import io.peerscope.agent.synth.TcpConversation.Segment;
import io.peerscope.agent.tcp.StreamListener;
import io.peerscope.agent.tcp.TcpLimits;
import io.peerscope.agent.tcp.TcpReassembler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Must-show 4: captures with out-of-order, retransmitted, overlapping and lost segments give the
 * same smtp log as the clean capture where the bytes can be recovered, and counted anomalies
 * where they cannot; a 100 MB line without LF keeps the line buffer at its cap.
 */
class HostileStreamTest {
  @TempDir Path dir;

  private static List<Segment> cleanSession() {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      body.append("Line ").append(i).append(" of the quarterly report, long enough to span segments.\r\n");
    }
    return new MailCapture(40_500, 25, MailCapture.START)
        .s("220 mx.example.net ESMTP Postfix\r\n")
        .c("EHLO client.example.org\r\n")
        .s("250-mx.example.net\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-STARTTLS\r\n250 8BITMIME\r\n")
        .c("MAIL FROM:<alice@example.org>\r\nRCPT TO:<bob@example.net>\r\nRCPT TO:<carol@example.net>\r\nDATA\r\n")
        .s("250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n250 2.1.5 Ok\r\n354 End data with <CR><LF>.<CR><LF>\r\n")
        .c("From: Alice <alice@example.org>\r\nUser-Agent: Mozilla Thunderbird 45.0\r\nSubject: report\r\n\r\n" + body + ".\r\n")
        .s("250 2.0.0 Ok: queued as 4F1A2\r\n")
        .c("MAIL FROM:<alice@example.org>\r\nRCPT TO:<dave@example.net>\r\nDATA\r\n")
        .s("250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n354 End data with <CR><LF>.<CR><LF>\r\n")
        .c("X-Mailer: second\r\n\r\nshort\r\n.\r\nQUIT\r\n")
        .s("250 2.0.0 Ok: queued as 4F1A3\r\n221 2.0.0 Bye\r\n")
        .close();
  }

  private record Result(List<SmtpTransaction> log, Counters counters) {}

  private Result replay(String name, List<Segment> segments) throws Exception {
    Path pcap = dir.resolve(name + ".pcap");
    MailCapture.write(pcap, segments);
    SmtpReplay r = new SmtpReplay().replay(pcap);
    return new Result(r.out.transactions, r.counters);
  }

  /** Transactions without their timestamps: reordering may move when a line starts. */
  private static List<List<Object>> content(List<SmtpTransaction> log) {
    return log.stream()
        .map(t -> List.<Object>of(t.transDepth(), String.valueOf(t.helo()), String.valueOf(t.mailFrom()), t.rcptTo(),
            String.valueOf(t.lastReply()), t.tls(), String.valueOf(t.userAgent()), String.valueOf(t.banner())))
        .toList();
  }

  /** Applies f to every run of consecutive data segments sent by the same side. */
  private static List<Segment> perRun(List<Segment> in, UnaryOperator<List<Segment>> f) {
    List<Segment> out = new ArrayList<>();
    List<Segment> run = new ArrayList<>();
    for (Segment s : in) {
      if (s.payload().length > 0 && (run.isEmpty() || run.get(0).fromClient() == s.fromClient())) {
        run.add(s);
        continue;
      }
      out.addAll(run.isEmpty() ? run : f.apply(run));
      run = new ArrayList<>();
      if (s.payload().length > 0) {
        run.add(s);
      } else {
        out.add(s);
      }
    }
    out.addAll(run.isEmpty() ? run : f.apply(run));
    return out;
  }

  private static Segment overlapOf(Segment a, Segment b) {
    byte[] joined = new byte[a.payload().length / 2 + b.payload().length / 2 + 1];
    int fromA = a.payload().length - a.payload().length / 2;
    System.arraycopy(a.payload(), fromA, joined, 0, a.payload().length - fromA);
    System.arraycopy(b.payload(), 0, joined, a.payload().length - fromA, joined.length - (a.payload().length - fromA));
    return new Segment(a.tsMicros(), a.fromClient(), a.src(), a.srcPort(), a.dst(), a.dstPort(),
        (a.seq() + fromA) & 0xffff_ffffL, a.ack(), a.flags(), joined);
  }

  @Test
  void recoverableDamageGivesTheCleanLog() throws Exception {
    List<Segment> clean = cleanSession();
    Result reference = replay("clean", clean);
    assertThat(reference.log).hasSize(2);
    assertThat(reference.log.get(0).rcptTo()).containsExactly("bob@example.net", "carol@example.net");
    assertThat(reference.log.get(0).userAgent()).isEqualTo("Mozilla Thunderbird 45.0");

    List<Segment> reversed = perRun(clean, run -> {
      List<Segment> r = new ArrayList<>(run);
      java.util.Collections.reverse(r);
      return r;
    });
    List<Segment> retransmitted = perRun(clean, run -> {
      List<Segment> r = new ArrayList<>(run);
      r.addAll(run);
      return r;
    });
    List<Segment> overlapping = perRun(clean, run -> {
      List<Segment> r = new ArrayList<>();
      for (int i = 0; i < run.size(); i++) {
        r.add(run.get(i));
        if (i + 1 < run.size()) {
          r.add(overlapOf(run.get(i), run.get(i + 1)));
        }
      }
      return r;
    });
    List<Segment> everything = perRun(clean, run -> {
      List<Segment> r = new ArrayList<>();
      for (int i = run.size() - 1; i >= 0; i--) {
        r.add(run.get(i));
        r.add(run.get(i).at(run.get(i).tsMicros() + 1));
        if (i > 0) {
          r.add(overlapOf(run.get(i - 1), run.get(i)));
        }
      }
      return r;
    });

    for (var variant : List.of(List.of("reversed", reversed), List.of("retransmitted", retransmitted),
        List.of("overlapping", overlapping), List.of("all-at-once", everything))) {
      @SuppressWarnings("unchecked")
      Result r = replay((String) variant.get(0), (List<Segment>) variant.get(1));
      assertThat(content(r.log)).as((String) variant.get(0)).isEqualTo(content(reference.log));
      assertThat(r.counters.get("tcp.gaps")).as(variant.get(0) + " gaps").isZero();
      assertThat(r.counters.get("tcp.overlap_conflicts")).isZero();
    }
    assertThat(replay("reversed-again", reversed).counters.get("tcp.out_of_order")).isPositive();
    assertThat(replay("retransmitted-again", retransmitted).counters.get("tcp.retransmissions")).isPositive();
  }

  @Test
  void conflictingOverlapIsCountedAndTheFirstBytesWin() throws Exception {
    List<Segment> clean = cleanSession();
    Result reference = replay("clean", clean);
    // each run arrives last segment first; a forged copy of that held segment follows it
    List<Segment> forged = perRun(clean, run -> {
      List<Segment> r = new ArrayList<>();
      for (int i = run.size() - 1; i >= 0; i--) {
        r.add(run.get(i));
        if (i == run.size() - 1 && run.size() > 1) {
          Segment s = run.get(i);
          byte[] evil = s.payload().clone();
          Arrays.fill(evil, (byte) 'X');
          r.add(new Segment(s.tsMicros(), s.fromClient(), s.src(), s.srcPort(), s.dst(), s.dstPort(), s.seq(), s.ack(),
              s.flags(), evil));
        }
      }
      return r;
    });
    Result r = replay("forged", forged);
    assertThat(r.counters.get("tcp.overlap_conflicts")).isPositive();
    assertThat(content(r.log)).isEqualTo(content(reference.log));
  }

  @Test
  void lostBodySegmentIsAGapTheLogSurvives() throws Exception {
    List<Segment> clean = cleanSession();
    Result reference = replay("clean", clean);
    List<Segment> lossy = new ArrayList<>(clean);
    lossy.removeIf(s -> new String(s.payload(), StandardCharsets.ISO_8859_1).contains("Line 12 "));
    assertThat(lossy).hasSizeLessThan(clean.size());
    Result r = replay("lost-body", lossy);
    assertThat(r.counters.get("tcp.gaps")).isPositive();
    assertThat(r.counters.get("smtp.client_gaps")).isPositive();
    assertThat(content(r.log)).isEqualTo(content(reference.log));
  }

  @Test
  void lostCommandSegmentIsCountedAndOnlyItsCommandIsMissing() throws Exception {
    List<Segment> clean = cleanSession();
    List<Segment> lossy = new ArrayList<>(clean);
    lossy.removeIf(s -> new String(s.payload(), StandardCharsets.ISO_8859_1).contains("dave@"));
    assertThat(lossy).hasSize(clean.size() - 1);
    Result r = replay("lost-command", lossy);
    assertThat(r.counters.get("tcp.gaps")).isPositive();
    assertThat(r.counters.get("smtp.client_gaps")).isPositive();
    assertThat(r.log).hasSize(2);
    assertThat(r.log.get(0).rcptTo()).containsExactly("bob@example.net", "carol@example.net");
    // the lost segment held "<dave@example.net>\r\nDATA\r\n": without DATA the message lines read as
    // unknown commands; the transaction is still logged, the damage is counted
    assertThat(r.log.get(1).mailFrom()).isEqualTo("alice@example.org");
    assertThat(r.log.get(1).rcptTo()).isEmpty();
    assertThat(r.counters.get("smtp.unknown_commands")).isPositive();
  }

  @Test
  void hundredMegabyteLineWithoutLineFeedKeepsTheBufferAtItsCap() throws Exception {
    Path pcap = dir.resolve("hundred-megabyte-line.pcap");
    TcpConversation conv =
        new TcpConversation(MailCapture.CLIENT, 40_600, MailCapture.SERVER, 25, MailCapture.START).segmentSize(65_000);
    conv.open();
    conv.serverSends("220 mx ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
    conv.clientSends("EHLO c\r\nMAIL FROM:<".getBytes(StandardCharsets.US_ASCII));
    byte[] chunk = new byte[650_000];
    Arrays.fill(chunk, (byte) 'A');
    for (int i = 0; i < 162; i++) { // 162 x 650,000 bytes > 100 MiB, never a LF
      conv.clientSends(chunk);
    }
    conv.clientSends(">\r\nRCPT TO:<after@example.org>\r\n".getBytes(StandardCharsets.US_ASCII));
    conv.serverSends("250 mx\r\n500 5.5.2 line too long\r\n250 ok\r\n".getBytes(StandardCharsets.US_ASCII));
    conv.close();
    try (PcapWriter w = PcapWriter.create(pcap)) {
      conv.writeTo(w);
    }

    Counters counters = new Counters();
    TcpReassembler reassembler = new TcpReassembler(TcpLimits.DEFAULTS.withMaxStreamDepth(1L << 30), counters);
    RecordingSmtpListener out = new RecordingSmtpListener();
    SmtpSessionFactory factory =
        new SmtpSessionFactory(SmtpLimits.DEFAULTS, counters, out, SoftwareIdentifier.NONE, () -> TlsObserver.NONE);
    List<StreamListener> sessions = new ArrayList<>();
    int[] maxBuffered = {0};
    reassembler.register(25, (c, ts) -> {
      StreamListener l = factory.open(c, ts);
      sessions.add(l);
      return l;
    });
    PacketDecoder decoder = new PacketDecoder(counters);
    Packet p = new Packet();
    try (PcapFileSource source = PcapFileSource.open(pcap, counters)) {
      source.run((lt, ts, buf, off, capLen, wireLen) -> {
        if (decoder.decode(lt, ts, buf, off, capLen, p)) {
          reassembler.onSegment(p);
          if (!sessions.isEmpty()) {
            maxBuffered[0] = Math.max(maxBuffered[0], ((SmtpSession) sessions.get(0)).bufferedLineBytes());
          }
        }
      });
    }
    reassembler.onEnd(MailCapture.START + 1_000_000_000L);
    assertThat(counters.get("smtp.line_too_long")).isEqualTo(1);
    assertThat(maxBuffered[0]).isLessThanOrEqualTo(3 * SmtpLimits.DEFAULTS.maxLineBytes());
    assertThat(out.transactions).hasSize(1);
    assertThat(out.transactions.get(0).rcptTo()).containsExactly("after@example.org");
    assertThat(out.transactions.get(0).mailFrom()).isNull();
    assertThat(out.transactions.get(0).lastReply()).isEqualTo("250 ok");
  }
}
