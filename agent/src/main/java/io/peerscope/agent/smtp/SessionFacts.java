package io.peerscope.agent.smtp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What a session learned about the server and the client's use of it, beyond transactions. */
final class SessionFacts {
  String banner;
  String helo;
  List<String> ehloLines = List.of();
  String authMechanism;
  int authAttempts;
  /** AUTH commands per mechanism, a few mechanisms at most. */
  final java.util.Map<String, Integer> authMechanisms = new java.util.TreeMap<>();
  Boolean authSuccess;
  boolean starttlsAttempted;
  boolean tls;
  TlsObserver tlsObserver;
  String software;
  boolean softwareFinal;
  int transactionsLogged;

  void auth(String mechanism) {
    authMechanism = mechanism;
    authAttempts++;
    authSuccess = null;
    String key = mechanism == null ? "(none)" : mechanism;
    if (authMechanisms.containsKey(key) || authMechanisms.size() < 8) {
      authMechanisms.merge(key, 1, Integer::sum);
    }
  }

  /** Capability keywords with parameters, upper-cased keyword (RFC 5321 section 4.1.1.1). */
  List<String> capabilities() {
    List<String> caps = new ArrayList<>();
    for (int i = 1; i < ehloLines.size(); i++) {
      String line = ehloLines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      int sp = line.indexOf(' ');
      String keyword = (sp < 0 ? line : line.substring(0, sp)).toUpperCase(Locale.ROOT);
      caps.add(sp < 0 ? keyword : keyword + line.substring(sp));
    }
    return caps;
  }

  /** Identifies the software once the greeting is known, again when the EHLO reply adds to it. */
  String software(SoftwareIdentifier identifier) {
    if (!softwareFinal && banner != null) {
      try {
        software = identifier.identify(banner, ehloLines);
      } catch (RuntimeException e) {
        software = null; // a broken knowledge base costs the label, never the session
      }
      softwareFinal = !ehloLines.isEmpty();
    }
    return software;
  }

  io.peerscope.agent.smtp.tls.TlsHandshakeInfo tlsInfo() {
    return tlsObserver == null ? null : tlsObserver.info();
  }
}
