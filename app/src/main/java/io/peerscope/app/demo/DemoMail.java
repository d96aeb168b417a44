package io.peerscope.app.demo;

import io.peerscope.agent.decode.IpAddress;
import io.peerscope.agent.synth.TcpConversation;
import java.nio.charset.StandardCharsets;

/**
 * An end-of-life mail server on the office network: Microsoft's IIS 6 SMTP service (Windows
 * Server 2003, out of support since July 2015), offering no STARTTLS, where a copier and a
 * laptop log in with AUTH LOGIN in cleartext and send mail. The credentials are in the capture
 * on purpose: the agent must drop them at parse and never show them anywhere.
 */
final class DemoMail {
  static final IpAddress SERVER = IpAddress.parse("192.0.2.25");
  static final IpAddress COPIER = IpAddress.parse("192.0.2.40");
  static final IpAddress LAPTOP = IpAddress.parse("192.0.2.11");
  /** base64 of "scanner" and "Winter2016!": must never appear in any output. */
  static final String USER_B64 = "c2Nhbm5lcg==";
  static final String PASSWORD_B64 = "V2ludGVyMjAxNiE=";

  private final FrameQueue frames;
  private int port = 49_200;

  DemoMail(FrameQueue frames) {
    this.frames = frames;
  }

  void session(IpAddress client, String helo, String from, String to, String mailer, long tsMicros) {
    TcpConversation c = new TcpConversation(client, port++, SERVER, 25, tsMicros).stepMicros(2_000);
    c.open()
        .serverSends(text("220 mail.office.example Microsoft ESMTP MAIL Service, Version: 6.0.3790.3959 ready at  Mon, 16 May 2016 09:12:01 +0300\r\n"))
        .clientSends(text("EHLO " + helo + "\r\n"))
        .serverSends(text("250-mail.office.example Hello [" + client + "]\r\n250-AUTH=LOGIN\r\n250-AUTH GSSAPI NTLM LOGIN\r\n"
            + "250-SIZE 2097152\r\n250-PIPELINING\r\n250-8bitmime\r\n250 OK\r\n"))
        .clientSends(text("AUTH LOGIN\r\n"))
        .serverSends(text("334 VXNlcm5hbWU6\r\n"))
        .clientSends(text(USER_B64 + "\r\n"))
        .serverSends(text("334 UGFzc3dvcmQ6\r\n"))
        .clientSends(text(PASSWORD_B64 + "\r\n"))
        .serverSends(text("235 2.7.0 Authentication successful.\r\n"))
        .clientSends(text("MAIL FROM:<" + from + ">\r\n"))
        .serverSends(text("250 2.1.0 " + from + "....Sender OK\r\n"))
        .clientSends(text("RCPT TO:<" + to + ">\r\n"))
        .serverSends(text("250 2.1.5 " + to + "\r\n"))
        .clientSends(text("DATA\r\n"))
        .serverSends(text("354 Start mail input; end with <CRLF>.<CRLF>\r\n"))
        .clientSends(text("From: <" + from + ">\r\nTo: <" + to + ">\r\nSubject: Scan\r\nX-Mailer: " + mailer
            + "\r\n\r\nScanned document attached.\r\n.\r\n"))
        .serverSends(text("250 2.6.0 <0001@mail.office.example> Queued mail for delivery\r\n"))
        .clientSends(text("QUIT\r\n"))
        .serverSends(text("221 2.0.0 mail.office.example Service closing transmission channel\r\n"))
        .close();
    for (TcpConversation.Segment s : c.segments()) {
      frames.add(s.tsMicros(), s.frame());
    }
  }

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
