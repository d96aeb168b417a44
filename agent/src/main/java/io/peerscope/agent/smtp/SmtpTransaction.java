package io.peerscope.agent.smtp;

import io.peerscope.agent.decode.IpAddress;
import java.util.List;

/**
 * One line of smtp.jsonl (CONTRACT.md): a mail transaction, or the whole session when it had
 * none. Strings are as seen on the wire (invalid UTF-8 escaped). Never holds a credential: of
 * AUTH only the mechanism name is kept.
 *
 * @param tsMicros capture time the transaction began
 * @param transDepth 1 + the messages the server acknowledged before this one in the session
 *     (Zeek's trans_depth, so that logs of both tools pair up)
 * @param lastReply the last reply line, {@code "<code> <text>"}
 * @param tls STARTTLS succeeded (or the session is implicit TLS, port 465)
 * @param received the message's Received hops, newest first, at most a few
 */
public record SmtpTransaction(
    long tsMicros,
    IpAddress client,
    int clientPort,
    IpAddress server,
    int serverPort,
    int transDepth,
    String banner,
    String helo,
    String mailFrom,
    List<String> rcptTo,
    String lastReply,
    boolean tls,
    String authMechanism,
    String userAgent,
    List<String> received,
    String serverSoftware) {

  public SmtpTransaction {
    rcptTo = List.copyOf(rcptTo);
    received = List.copyOf(received);
  }
}
