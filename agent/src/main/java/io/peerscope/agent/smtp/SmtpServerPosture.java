package io.peerscope.agent.smtp;

import io.peerscope.agent.smtp.fingerprint.EolEntry;
import io.peerscope.agent.smtp.fingerprint.SoftwareMatch;
import io.peerscope.agent.smtp.tls.TlsCertificate;
import io.peerscope.agent.smtp.tls.TlsHandshakeInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the sessions with one mail server ({@code ip:port}) showed about its posture: software
 * and its support status, STARTTLS offered or not, AUTH in cleartext, TLS versions and
 * certificate. Bounded: a fixed number of clients and mechanisms is kept, the rest only counted.
 */
final class SmtpServerPosture {
  static final int MAX_CLIENTS = 32;
  private static final int MAX_KEYS = 16;

  final String subject;
  long firstSeenMicros = Long.MAX_VALUE;
  long lastSeenMicros = Long.MIN_VALUE;
  long sessions;
  String banner;
  List<String> ehloLines = List.of();
  List<String> capabilities = List.of();
  SoftwareMatch software;
  EolEntry eol;
  private final Map<String, Long> clients = new LinkedHashMap<>();
  private long otherClientSessions;
  long ehloWithStarttls;
  final Map<String, Long> authMechanisms = new TreeMap<>();
  long authSuccesses;
  final Map<String, Long> tlsVersions = new TreeMap<>();
  TlsCertificate certificate;
  final List<String> tlsProblems = new ArrayList<>();

  final KindState eolState = new KindState();
  final KindState starttlsMissing = new KindState();
  final KindState cleartextAuth = new KindState();
  final KindState weakTls = new KindState();

  SmtpServerPosture(String subject) {
    this.subject = subject;
  }

  /** Adds one session; the knowledge base is asked again only when the greeting changed. */
  void add(SmtpSessionSummary s, ServerKnowledge knowledge) {
    long start = s.startMicros();
    long end = s.endMicros();
    firstSeenMicros = Math.min(firstSeenMicros, start);
    lastSeenMicros = Math.max(lastSeenMicros, end);
    sessions++;
    String client = s.connection().client().toString();
    if (clients.containsKey(client) || clients.size() < MAX_CLIENTS) {
      clients.merge(client, 1L, Long::sum);
    } else {
      otherClientSessions++;
    }
    boolean identityChanged = false;
    if (s.banner() != null && !s.banner().equals(banner)) {
      banner = s.banner();
      identityChanged = true;
    }
    if (s.ehloSeen()) {
      identityChanged |= !s.ehloLines().equals(ehloLines);
      ehloLines = s.ehloLines();
      capabilities = s.capabilities();
      if (s.starttlsOffered()) {
        ehloWithStarttls++;
      } else {
        // RFC 3207: without the keyword a client cannot upgrade; mail goes in cleartext
        starttlsMissing.seen(start, end, 1);
      }
    }
    if (identityChanged && knowledge != null) {
      software = knowledge.match(banner, ehloLines).orElse(null);
      eol = software == null ? null : knowledge.endOfSupport(software).orElse(null);
    }
    if (eol != null && eol.endedBy(Instant.ofEpochSecond(0, end * 1000))) {
      eolState.seen(start, end, 1);
    }
    if (s.authAttempts() > 0) {
      // every AUTH the parser reads crossed the wire in cleartext: after STARTTLS it sees nothing
      s.authMechanisms().forEach((mech, n) -> {
        if (authMechanisms.containsKey(mech) || authMechanisms.size() < MAX_KEYS) {
          authMechanisms.merge(mech, (long) n, Long::sum);
        }
      });
      if (Boolean.TRUE.equals(s.authSuccess())) {
        authSuccesses++;
      }
      cleartextAuth.seen(start, end, s.authAttempts());
    }
    TlsHandshakeInfo tls = s.tlsHandshake();
    if (tls != null) {
      List<String> problems = tlsProblems(tls, end);
      for (String p : problems) {
        if (!tlsProblems.contains(p) && tlsProblems.size() < MAX_KEYS) {
          tlsProblems.add(p);
        }
      }
      if (tls.negotiatedVersion() != null && tlsVersions.size() < MAX_KEYS) {
        tlsVersions.merge(tls.negotiatedVersion().name(), 1L, Long::sum);
      }
      if (tls.certificate() != null) {
        certificate = tls.certificate();
      }
      if (!problems.isEmpty()) {
        weakTls.seen(start, end, 1);
      }
    }
  }

  /** Why this handshake is weak: RFC 8996 deprecates TLS 1.0 and 1.1, RFC 7568 SSL 3.0. */
  static List<String> tlsProblems(TlsHandshakeInfo tls, long atMicros) {
    List<String> p = new ArrayList<>(3);
    if (tls.weakVersion()) {
      p.add(tls.negotiatedVersion().name() + " negotiated");
    }
    TlsCertificate c = tls.certificate();
    if (c != null) {
      if (c.selfSigned()) {
        p.add("self-signed certificate");
      }
      Instant at = Instant.ofEpochSecond(0, atMicros * 1000);
      if (c.notAfter() != null && at.isAfter(c.notAfter())) {
        p.add("expired certificate");
      } else if (c.notBefore() != null && at.isBefore(c.notBefore())) {
        p.add("certificate not yet valid");
      }
    }
    return p;
  }

  /** What an admin needs to judge any finding about this server. */
  Map<String, Object> commonEvidence() {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("banner", banner);
    e.put("capabilities", capabilities);
    e.put("server_software", software == null ? null : software.label());
    e.put("vendor", software == null ? null : software.vendor());
    e.put("product", software == null ? null : software.product());
    e.put("version", software == null ? null : software.version());
    e.put("sessions", sessions);
    e.put("clients_seen", clients.size());
    if (otherClientSessions > 0) {
      e.put("sessions_of_further_clients", otherClientSessions); // beyond the clients kept
    }
    List<Map<String, Object>> top = new ArrayList<>();
    clients.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(10)
        .forEach(c -> top.add(Map.of("client", c.getKey(), "sessions", c.getValue())));
    e.put("clients", top);
    return e;
  }
}
