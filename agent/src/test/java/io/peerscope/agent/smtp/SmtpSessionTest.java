package io.peerscope.agent.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.decode.IpAddress;
import io.peerscope.agent.tcp.TcpConnection;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SmtpSessionTest {
  private static final String EHLO_REPLY =
      "250-mx.example.net Hello client.example.org [192.0.2.7]\r\n"
          + "250-SIZE 10240000\r\n"
          + "250-PIPELINING\r\n"
          + "250-auth plain login\r\n"
          + "250-STARTTLS\r\n"
          + "250 CHUNKING\r\n";

  @Test
  void plainMailTransactionIsLoggedWithHeadersAndCapabilities() {
    SmtpScript t = new SmtpScript();
    t.s("220 mx.example.net ESMTP Postfix (Debian/GNU)\r\n")
        .c("EHLO client.example.org\r\n")
        .s(EHLO_REPLY)
        .c("MAIL FROM:<alice@example.org> SIZE=1234\r\n")
        .s("250 2.1.0 Ok\r\n")
        .c("RCPT TO:<bob@example.net>\r\n")
        .s("250 2.1.5 Ok\r\n")
        .c("RCPT TO:<carol@example.net> NOTIFY=NEVER\r\n")
        .s("250 2.1.5 Ok\r\n")
        .c("DATA\r\n")
        .s("354 End data with <CR><LF>.<CR><LF>\r\n")
        .c("Received: from [10.1.2.3] by client.example.org\r\n\twith ESMTP; Mon, 2 May 2016\r\n")
        .c("From: Alice <alice@example.org>\r\nX-Mailer: Microsoft Office Outlook 12.0\r\nSubject: hi\r\n\r\n")
        .c("body line 1\r\n..a dot-stuffed line\r\nbody line 3\r\n.\r\n")
        .s("250 2.0.0 Ok: queued as 4F1A2\r\n")
        .c("QUIT\r\n")
        .s("221 2.0.0 Bye\r\n")
        .close();

    SmtpTransaction tx = t.only();
    assertThat(tx.transDepth()).isEqualTo(1);
    assertThat(tx.banner()).isEqualTo("mx.example.net ESMTP Postfix (Debian/GNU)");
    assertThat(tx.helo()).isEqualTo("client.example.org");
    assertThat(tx.mailFrom()).isEqualTo("alice@example.org");
    assertThat(tx.rcptTo()).containsExactly("bob@example.net", "carol@example.net");
    assertThat(tx.lastReply()).isEqualTo("250 2.0.0 Ok: queued as 4F1A2");
    assertThat(tx.userAgent()).isEqualTo("Microsoft Office Outlook 12.0");
    assertThat(tx.received()).containsExactly("from [10.1.2.3] by client.example.org with ESMTP; Mon, 2 May 2016");
    assertThat(tx.tls()).isFalse();
    assertThat(tx.authMechanism()).isNull();
    assertThat(tx.client()).isEqualTo(SmtpScript.CONN.client());
    assertThat(tx.serverPort()).isEqualTo(25);

    SmtpSessionSummary s = t.summary();
    assertThat(s.capabilities()).containsExactly("SIZE 10240000", "PIPELINING", "AUTH plain login", "STARTTLS", "CHUNKING");
    assertThat(s.starttlsOffered()).isTrue();
    assertThat(s.ehloLines().get(0)).startsWith("mx.example.net Hello");
    assertThat(s.transactions()).isEqualTo(1);
  }

  @Test
  void pipelinedCommandsArePairedWithTheirRepliesInOrder() {
    SmtpScript t = new SmtpScript();
    t.s("220 mx ESMTP\r\n")
        .c("EHLO c\r\n")
        .s("250-mx\r\n250 PIPELINING\r\n")
        // RFC 2920 section 3.1 example: one batch, DATA last
        .c("MAIL FROM:<a@x>\r\nRCPT TO:<b@y>\r\nRCPT TO:<nobody@y>\r\nDATA\r\n")
        .s("250 ok\r\n250 ok\r\n550 no such user\r\n354 go ahead\r\n")
        .c("Subject: x\r\n\r\nhello\r\n.\r\nMAIL FROM:<a@x>\r\nRCPT TO:<d@y>\r\nDATA\r\n")
        .s("250 accepted 1\r\n250 ok\r\n250 ok\r\n354 go\r\n")
        .c("User-Agent: Thunderbird\r\n\r\nsecond\r\n.\r\n")
        .s("250 accepted 2\r\n")
        .close();
    assertThat(t.out.transactions).hasSize(2);
    SmtpTransaction first = t.out.transactions.get(0);
    SmtpTransaction second = t.out.transactions.get(1);
    assertThat(first.rcptTo()).containsExactly("b@y", "nobody@y");
    assertThat(first.lastReply()).isEqualTo("250 accepted 1");
    assertThat(first.transDepth()).isEqualTo(1);
    assertThat(second.transDepth()).isEqualTo(2);
    assertThat(second.rcptTo()).containsExactly("d@y");
    assertThat(second.userAgent()).isEqualTo("Thunderbird");
    assertThat(second.lastReply()).isEqualTo("250 accepted 2");
  }

  @Test
  void bytesSplitAnywhereGiveTheSameLog() {
    String client = "EHLO c\r\nMAIL FROM:<a@x>\r\nRCPT TO:<b@y>\r\nDATA\r\nX-Mailer: m1\r\n\r\nbody\r\n.\r\nQUIT\r\n";
    String server = "220 mx\r\n250 mx\r\n250 ok\r\n250 ok\r\n354 go\r\n250 done\r\n221 bye\r\n";
    SmtpScript whole = new SmtpScript();
    whole.s(server.substring(0, 8)).c(client.substring(0, 8)).s(server.substring(8, 16));
    whole.c(client.substring(8, 42)).s(server.substring(16, 40)).c(client.substring(42)).s(server.substring(40)).close();
    for (int split = 1; split < 12; split++) {
      SmtpScript t = new SmtpScript();
      // every side delivered in pieces of `split` bytes, interleaved at the same points
      int ci = 0;
      int si = 0;
      int[] clientStops = {8, 42, client.length()};
      int[] serverStops = {8, 16, 40, server.length()};
      si = feed(t, false, server, si, serverStops[0], split);
      ci = feed(t, true, client, ci, clientStops[0], split);
      si = feed(t, false, server, si, serverStops[1], split);
      ci = feed(t, true, client, ci, clientStops[1], split);
      si = feed(t, false, server, si, serverStops[2], split);
      ci = feed(t, true, client, ci, clientStops[2], split);
      feed(t, false, server, si, serverStops[3], split);
      t.close();
      assertThat(t.out.transactions).usingRecursiveComparison().ignoringFields("tsMicros").isEqualTo(whole.out.transactions);
    }
    assertThat(whole.only().userAgent()).isEqualTo("m1");
  }

  private static int feed(SmtpScript t, boolean client, String text, int from, int to, int step) {
    for (int i = from; i < to; i += step) {
      String piece = text.substring(i, Math.min(to, i + step));
      if (client) {
        t.c(piece);
      } else {
        t.s(piece);
      }
    }
    return to;
  }

  @Test
  void starttlsHandsTheRestOfBothStreamsToTheTlsObserver() {
    SmtpScript t = new SmtpScript();
    byte[] clientHello = {0x16, 0x03, 0x01, 0x00, 0x05, 0x01, 0x00, 0x00, 0x01, 0x00};
    byte[] serverHello = {0x16, 0x03, 0x03, 0x00, 0x02, 0x02, 0x00};
    t.s("220 mx ESMTP\r\n")
        .c("EHLO openssl.client.net\r\n")
        .s(EHLO_REPLY)
        .c("STARTTLS\r\n")
        .s("220 2.0.0 Ready to start TLS\r\n");
    t.bytes(true, clientHello).bytes(false, serverHello).close();
    SmtpTransaction tx = t.only();
    assertThat(tx.tls()).isTrue();
    assertThat(tx.lastReply()).isEqualTo("220 2.0.0 Ready to start TLS");
    assertThat(tx.helo()).isEqualTo("openssl.client.net");
    assertThat(t.tls).hasSize(1);
    assertThat(t.tls.get(0).client.toByteArray()).isEqualTo(clientHello);
    assertThat(t.tls.get(0).server.toByteArray()).isEqualTo(serverHello);
    assertThat(t.summary().tls()).isTrue();
    assertThat(t.summary().tlsHandshake().negotiatedVersion()).isEqualTo(io.peerscope.agent.smtp.tls.TlsVersion.TLS_1_2);
  }

  @Test
  void clientHelloSeenBeforeTheServersReplyStillSwitchesToTls() {
    SmtpScript t = new SmtpScript();
    byte[] clientHello = {0x16, 0x03, 0x01, 0x00, 0x01, 0x01};
    t.s("220 mx\r\n").c("EHLO c\r\n").s("250-mx\r\n250 STARTTLS\r\n").c("STARTTLS\r\n");
    t.bytes(true, clientHello);
    t.s("220 go ahead\r\n");
    t.bytes(false, new byte[] {0x16, 0x03, 0x03});
    t.close();
    assertThat(t.tls.get(0).client.toByteArray()).isEqualTo(clientHello);
    assertThat(t.tls.get(0).server.toByteArray()).hasSize(3);
    assertThat(t.only().tls()).isTrue();
    assertThat(t.counters.get("smtp.unknown_commands")).isZero();
  }

  @Test
  void refusedStarttlsKeepsParsingCleartext() {
    SmtpScript t = new SmtpScript();
    t.s("220 mx\r\n").c("EHLO c\r\n").s("250 mx\r\n").c("STARTTLS\r\n").s("454 4.7.0 TLS not available\r\n");
    t.c("MAIL FROM:<a@x>\r\n").s("250 ok\r\n").close();
    assertThat(t.only().tls()).isFalse();
    assertThat(t.only().mailFrom()).isEqualTo("a@x");
    assertThat(t.summary().starttlsAttempted()).isTrue();
    assertThat(t.tls).isEmpty();
  }

  @Test
  void implicitTlsOnPort465SendsEverythingToTheObserver() {
    TcpConnection conn =
        new TcpConnection(IpAddress.parse("192.0.2.7"), 51_000, IpAddress.parse("198.51.100.2"), 465);
    SmtpScript t = new SmtpScript(conn, SmtpLimits.DEFAULTS);
    t.bytes(true, new byte[] {0x16, 0x03, 0x01}).bytes(false, new byte[] {0x16, 0x03, 0x03}).close();
    assertThat(t.tls.get(0).client.size()).isEqualTo(3);
    assertThat(t.only().tls()).isTrue();
    assertThat(t.summary().implicitTls()).isTrue();
  }

  @Test
  void rejectedDataLeavesTheFollowingLinesAsCommands() {
    SmtpScript t = new SmtpScript();
    t.s("220 mx\r\n").c("EHLO c\r\n").s("250 mx\r\n").c("RCPT TO:<alice@example.org>\r\n")
        .s("503 sender not yet given\r\n").c("DATA\r\n")
        .s("503-All RCPT commands were rejected with this error:\r\n503 valid RCPT command must precede DATA\r\n")
        .c("Hello, Alice\r\n").s("500 unrecognized command\r\n")
        .c("MAIL FROM:<bob@example.org>\r\n").s("250 OK\r\n").close();
    assertThat(t.out.transactions).hasSize(2);
    assertThat(t.out.transactions.get(0).rcptTo()).containsExactly("alice@example.org");
    assertThat(t.out.transactions.get(0).lastReply()).isEqualTo("500 unrecognized command");
    assertThat(t.out.transactions.get(1).mailFrom()).isEqualTo("bob@example.org");
    assertThat(t.counters.get("smtp.unknown_commands")).isEqualTo(1);
  }

  @Test
  void clientOnlyCaptureStillYieldsTransactions() {
    SmtpScript t = new SmtpScript();
    t.c("ehlo enzo.icir.org\r\nmail FROM:<robin@icir.org> size=9030\r\nrcpt TO:<robin@icir.org>\r\ndata\r\n")
        .c("From: robin@icir.org\r\nSubject: Hello1!\r\n\r\nbody\r\n.\r\n")
        .c("mail FROM:<robin@icir.org> size=9031\r\nrcpt TO:<rsommer@lbl.gov>\r\ndata\r\nSubject: 2\r\n\r\nx\r\n.\r\nquit\r\n")
        .close();
    assertThat(t.out.transactions).hasSize(2);
    assertThat(t.out.transactions).allSatisfy(tx -> assertThat(tx.transDepth()).isEqualTo(1));
    assertThat(t.out.transactions.get(1).rcptTo()).containsExactly("rsommer@lbl.gov");
    assertThat(t.out.transactions.get(0).lastReply()).isNull();
    assertThat(t.out.transactions.get(0).helo()).isEqualTo("enzo.icir.org");
  }

  @Test
  void bdatChunksAreCountedNotParsedAsCommands() {
    SmtpScript t = new SmtpScript();
    String chunk1 = "X-Mailer: chunky\r\nSubject: a\r\n\r\nMAIL FROM:<not@command>\r\n";
    String chunk2 = "QUIT\r\nend\r\n";
    t.s("220 mx\r\n").c("EHLO localhost\r\n").s("250-mx\r\n250 CHUNKING\r\n")
        .c("MAIL FROM:<zeek@localhost>\r\nRCPT TO:<root@localhost>\r\n")
        .s("250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n")
        .c("BDAT " + chunk1.length() + "\r\n" + chunk1)
        .s("250 2.0.0 Ok: " + chunk1.length() + " octets\r\n")
        .c("BDAT " + chunk2.length() + " LAST\r\n" + chunk2)
        .s("250 2.0.0 Ok: queued as 1E2891CA025\r\n")
        .c("QUIT\r\n").s("221 bye\r\n").close();
    SmtpTransaction tx = t.only();
    assertThat(tx.mailFrom()).isEqualTo("zeek@localhost");
    assertThat(tx.userAgent()).isEqualTo("chunky");
    assertThat(tx.lastReply()).isEqualTo("250 2.0.0 Ok: queued as 1E2891CA025");
    assertThat(t.counters.get("smtp.unknown_commands")).isZero();
  }

  @Test
  void bdatWithAnImpossibleSizeIsCountedAndTheSessionGoesOn() {
    SmtpScript t = new SmtpScript();
    t.s("220 mx\r\n").c("EHLO localhost\r\n").s("250 mx\r\n")
        .c("MAIL FROM:<zeek@localhost>\r\n").s("250 2.1.0 Ok\r\n")
        .c("RCPT TO:<root@localhost>\r\n").s("250 2.1.5 Ok\r\n")
        .c("BDAT 15555555557777777777 LAST\r\n").s("521 5.5.4 Syntax: BDAT count [LAST]\r\n")
        .c("QUIT\r\n").close();
    assertThat(t.only().lastReply()).isEqualTo("521 5.5.4 Syntax: BDAT count [LAST]");
    assertThat(t.counters.get("smtp.bad_bdat")).isEqualTo(1);
  }

  @Test
  void gapInsideABdatChunkKeepsTheParserInStep() {
    SmtpScript t = new SmtpScript();
    t.s("220 mx\r\n").c("EHLO sender.example.com\r\n").s("250 mx\r\n")
        .c("MAIL FROM:<sender@example.com>\r\n").s("250 OK\r\n")
        .c("RCPT TO:<recipient@example.com>\r\n").s("250 OK\r\n")
        .c("BDAT 200\r\n").s("250 OK\r\n")
        .bytes(true, new byte[100])
        .gap(true, 100)
        .c("BDAT 3 LAST\r\nabc")
        .s("250 OK: message queued\r\n")
        .close();
    assertThat(t.only().lastReply()).isEqualTo("250 OK: message queued");
    assertThat(t.only().transDepth()).isEqualTo(1);
    assertThat(t.counters.get("smtp.unknown_commands")).isZero();
  }

  @Test
  void gapInTheCommandStreamDropsOnlyTheCutLine() {
    SmtpScript t = new SmtpScript();
    t.s("220 mx\r\n").c("EHLO c\r\nMAIL FR").gap(true, 30).c("OM:<x@y>\r\nRCPT TO:<z@w>\r\n").close();
    assertThat(t.only().rcptTo()).containsExactly("z@w");
    assertThat(t.only().mailFrom()).isNull();
    assertThat(t.counters.get("smtp.unknown_commands")).isZero();
  }

  @Test
  void lostServerBytesRestartPairingInsteadOfShiftingIt() {
    SmtpScript t = new SmtpScript();
    t.s("220 mx\r\n").c("EHLO c\r\n").gap(false, 40).c("MAIL FROM:<a@b>\r\n").s("250 sender ok\r\n").close();
    assertThat(t.only().lastReply()).isEqualTo("250 sender ok");
    assertThat(t.counters.get("smtp.server_gaps")).isEqualTo(1);
  }

  @Test
  void sessionWithoutTransactionsGetsOneLine() {
    SmtpScript t = new SmtpScript();
    t.s("220 mail.example.com Microsoft ESMTP MAIL Service, Version: 6.0.3790.3959 ready\r\n")
        .c("EHLO scanner\r\n").s("250-mail.example.com Hello\r\n250 SIZE\r\n").c("QUIT\r\n").s("221 bye\r\n").close();
    SmtpTransaction tx = t.only();
    assertThat(tx.mailFrom()).isNull();
    assertThat(tx.lastReply()).isEqualTo("221 bye");
    assertThat(tx.serverSoftware()).isEqualTo("Microsoft IIS SMTP");
    assertThat(t.summary().starttlsOffered()).isFalse();
    assertThat(t.summary().ehloSeen()).isTrue();
  }

  @Test
  void greetingBeforeEhloIsPairedEvenWhenTheClientSpeaksFirst() {
    // Exim's PIPE_CONNECT: the client sends EHLO before the banner arrives
    SmtpScript t = new SmtpScript();
    t.c("EHLO Bob-PC\r\n").s("220 tinkyx390 ESMTP Exim 4.94.2\r\n250-tinkyx390 Hello\r\n250 HELP\r\n").close();
    assertThat(t.only().banner()).isEqualTo("tinkyx390 ESMTP Exim 4.94.2");
    assertThat(t.summary().capabilities()).containsExactly("HELP");
  }

  @Test
  void midstreamPickupDoesNotTakeAReplyForTheBanner() {
    SmtpScript t = new SmtpScript();
    t.c("RCPT TO:<a@b>\r\n").s("250 ok\r\n").close();
    assertThat(t.only().banner()).isNull();
    assertThat(t.only().lastReply()).isEqualTo("250 ok");
    assertThat(t.counters.get("smtp.unpaired_replies")).isZero();
  }

  @Test
  void hundredMegabyteLineWithoutLineFeedStaysAtTheCap() {
    SmtpScript t = new SmtpScript();
    t.s("220 mx\r\n").c("EHLO c\r\n").s("250 mx\r\n").c("MAIL FROM:<");
    byte[] chunk = new byte[1 << 16];
    Arrays.fill(chunk, (byte) 'A');
    for (int i = 0; i < 1600; i++) { // 1600 x 64 KiB = 100 MiB, no LF
      t.bytes(true, chunk);
    }
    t.c("\r\nMAIL FROM:<ok@example.org>\r\n").s("500 line too long\r\n250 ok\r\n").close();
    assertThat(t.counters.get("smtp.line_too_long")).isEqualTo(1);
    assertThat(t.only().mailFrom()).isEqualTo("ok@example.org");
    assertThat(t.only().lastReply()).isEqualTo("250 ok");
    SmtpSession session = (SmtpSession) t.session;
    assertThat(session.bufferedLineBytes()).isLessThanOrEqualTo(3 * SmtpLimits.DEFAULTS.maxLineBytes());
  }

  @Test
  void transactionsPerSessionAreCapped() {
    SmtpScript t = new SmtpScript(SmtpScript.CONN, new SmtpLimits(4096, 3, 100, 65536, 128, 64));
    t.s("220 mx\r\n");
    for (int i = 0; i < 10; i++) {
      t.c("MAIL FROM:<a" + i + "@x>\r\n").s("250 ok\r\n");
    }
    t.close();
    assertThat(t.out.transactions).hasSize(3);
    assertThat(t.counters.get("smtp.transaction_cap_hits")).isEqualTo(7);
  }

  @Test
  void bytesThatAreNotUtf8AreEscapedNotDropped() {
    SmtpScript t = new SmtpScript();
    t.s("220 mx\r\n");
    t.bytes(true, "EHLO caf\u00e9-".getBytes(StandardCharsets.UTF_8));
    t.bytes(true, new byte[] {(byte) 0xff, 'x', '\r', '\n'});
    t.close();
    assertThat(t.only().helo()).isEqualTo("caf\u00e9-\\xffx");
  }

  @Test
  void randomBytesAndGapsNeverThrowAndStayBounded() {
    java.util.Random random = new java.util.Random(42);
    String[] words = {"EHLO x\r\n", "MAIL FROM:<a@b>\r\n", "DATA\r\n", "BDAT 7\r\n", "BDAT 3 LAST\r\n",
        "AUTH PLAIN\r\n", "STARTTLS\r\n", ".\r\n", "250-x\r\n", "354 go\r\n", "220 ok\r\n", "\r\n", "334 \r\n"};
    for (int session = 0; session < 200; session++) {
      SmtpScript t = new SmtpScript();
      for (int i = 0; i < 200; i++) {
        boolean client = random.nextBoolean();
        int kind = random.nextInt(10);
        if (kind == 0) {
          t.gap(client, 1 + random.nextInt(5000));
        } else if (kind < 4) {
          byte[] junk = new byte[1 + random.nextInt(3000)];
          random.nextBytes(junk);
          t.bytes(client, junk);
        } else {
          t.bytes(client, words[random.nextInt(words.length)].getBytes(StandardCharsets.US_ASCII));
        }
      }
      t.close();
      assertThat(t.out.sessions).hasSize(1);
      assertThat(t.out.transactions.size()).isBetween(1, SmtpLimits.DEFAULTS.maxTransactions());
      assertThat(((SmtpSession) t.session).bufferedLineBytes()).isLessThanOrEqualTo(3 * SmtpLimits.DEFAULTS.maxLineBytes());
    }
  }
}
