package io.peerscope.agent.smtp;

import io.peerscope.agent.smtp.tls.TlsHandshakeInfo;
import io.peerscope.agent.tcp.TcpConnection;
import java.util.List;
import java.util.Map;

/**
 * What one SMTP session showed about the server and how the client used it; the input of the
 * posture findings. Never holds a credential.
 *
 * @param ehloLines the text of every line of the last EHLO reply (the first is the server's
 *     greeting of the client, the others its capabilities); empty when no EHLO reply was seen
 * @param capabilities the capability keywords of that reply, upper case ({@code STARTTLS},
 *     {@code AUTH}, ...), with their parameters ({@code AUTH PLAIN LOGIN})
 * @param authMechanism the SASL mechanism of the last AUTH command, or null
 * @param authMechanisms AUTH commands seen in cleartext, per mechanism
 * @param authSuccess whether the server accepted the last AUTH (235), or null when unknown
 * @param starttlsAttempted the client sent STARTTLS
 * @param tls STARTTLS succeeded, or implicit TLS
 * @param tlsHandshake what the handshake showed, or null
 */
public record SmtpSessionSummary(
    TcpConnection connection,
    long startMicros,
    long endMicros,
    String banner,
    List<String> ehloLines,
    List<String> capabilities,
    String helo,
    String authMechanism,
    Map<String, Integer> authMechanisms,
    Boolean authSuccess,
    boolean starttlsAttempted,
    boolean tls,
    boolean implicitTls,
    TlsHandshakeInfo tlsHandshake,
    int transactions,
    String serverSoftware) {

  public SmtpSessionSummary {
    ehloLines = List.copyOf(ehloLines);
    capabilities = List.copyOf(capabilities);
    authMechanisms = Map.copyOf(authMechanisms);
  }

  public int authAttempts() {
    return authMechanisms.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** An EHLO reply was seen and it offered STARTTLS (RFC 3207 section 4). */
  public boolean starttlsOffered() {
    return capabilities.stream().anyMatch(c -> c.equals("STARTTLS") || c.startsWith("STARTTLS "));
  }

  public boolean ehloSeen() {
    return !ehloLines.isEmpty();
  }
}
