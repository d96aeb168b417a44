package io.peerscope.agent.smtp;

import io.peerscope.agent.decode.IpAddress;
import io.peerscope.agent.synth.PcapWriter;
import io.peerscope.agent.synth.TcpConversation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Scripted SMTP conversations written as real captures with the synthetic TCP writer. */
final class MailCapture {
  static final IpAddress CLIENT = IpAddress.parse("10.20.0.15");
  static final IpAddress SERVER = IpAddress.parse("10.20.0.25");
  static final long START = 1_462_169_520_000_000L; // 2016-05-02 06:12:00 UTC

  private final TcpConversation conversation;

  MailCapture(int clientPort, int serverPort, long startMicros) {
    conversation = new TcpConversation(CLIENT, clientPort, SERVER, serverPort, startMicros).segmentSize(40);
    conversation.open();
  }

  MailCapture c(String text) {
    conversation.clientSends(text.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  MailCapture s(String text) {
    conversation.serverSends(text.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  List<TcpConversation.Segment> close() {
    conversation.close();
    return conversation.segments();
  }

  static void write(Path file, List<TcpConversation.Segment> segments) throws IOException {
    try (PcapWriter w = PcapWriter.create(file)) {
      TcpConversation.write(segments, w);
    }
  }

  /** A Windows Server 2003 IIS 6 SMTP service: no STARTTLS, AUTH LOGIN in cleartext. */
  static List<TcpConversation.Segment> iis6WithCleartextLogin(int clientPort, long start, String user, String password) {
    java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
    return new MailCapture(clientPort, 25, start)
        .s("220 mail.corp.example Microsoft ESMTP MAIL Service, Version: 6.0.3790.3959 ready at  Mon, 2 May 2016 08:12:00 +0200 \r\n")
        .c("EHLO ws017.corp.example\r\n")
        .s("250-mail.corp.example Hello [10.20.0.15]\r\n250-TURN\r\n250-SIZE\r\n250-ETRN\r\n250-PIPELINING\r\n"
            + "250-DSN\r\n250-ENHANCEDSTATUSCODES\r\n250-8bitmime\r\n250-BINARYMIME\r\n250-CHUNKING\r\n250-VRFY\r\n"
            + "250-X-EXPS GSSAPI NTLM LOGIN\r\n250-X-EXPS=LOGIN\r\n250-AUTH GSSAPI NTLM LOGIN\r\n250-AUTH=LOGIN\r\n"
            + "250-X-LINK2STATE\r\n250-XEXCH50\r\n250 OK\r\n")
        .c("AUTH LOGIN\r\n")
        .s("334 VXNlcm5hbWU6\r\n")
        .c(b64.encodeToString(user.getBytes(StandardCharsets.UTF_8)) + "\r\n")
        .s("334 UGFzc3dvcmQ6\r\n")
        .c(b64.encodeToString(password.getBytes(StandardCharsets.UTF_8)) + "\r\n")
        .s("235 2.7.0 Authentication successful.\r\n")
        .c("MAIL FROM:<" + user + "@corp.example>\r\n")
        .s("250 2.1.0 " + user + "@corp.example....Sender OK\r\n")
        .c("RCPT TO:<board@corp.example>\r\n")
        .s("250 2.1.5 board@corp.example \r\n")
        .c("DATA\r\n")
        .s("354 Start mail input; end with <CRLF>.<CRLF>\r\n")
        .c("From: <" + user + "@corp.example>\r\nTo: <board@corp.example>\r\nSubject: quarterly figures\r\n"
            + "X-Mailer: Microsoft Outlook Express 6.00.2900.5512\r\n\r\n"
            + "Figures attached.\r\n.\r\n")
        .s("250 2.6.0 <OE1234@ws017> Queued mail for delivery\r\n")
        .c("QUIT\r\n")
        .s("221 2.0.0 mail.corp.example Service closing transmission channel\r\n")
        .close();
  }
}
