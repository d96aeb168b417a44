package io.peerscope.agent.smtp;

import io.peerscope.agent.capture.ClockListener;
import io.peerscope.agent.detect.FindingSink;
import io.peerscope.agent.metrics.Counter;
import io.peerscope.agent.metrics.Counters;
import io.peerscope.agent.smtp.tls.TlsCertificate;
import io.peerscope.wire.Finding;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Mail-server posture findings from SMTP sessions, one per kind and server {@code ip:port}:
 * {@code smtp.eol-software}, {@code smtp.starttls-missing}, {@code smtp.cleartext-auth} and
 * {@code smtp.weak-tls}. A finding is sent the first time its condition is seen, then again
 * when its evidence grew, at most once per {@code reemitMicros} of capture time, and once more
 * at the end of the capture with the final figures. Servers kept are bounded: the least recently
 * active is forgotten first (counted as {@code smtp.posture_evicted}).
 */
public final class SmtpFindingDetector implements SmtpListener, ClockListener {
  public static final long DEFAULT_REEMIT_MICROS = 15 * 60 * 1_000_000L;
  public static final int DEFAULT_MAX_SERVERS = 10_000;
  private static final long SWEEP_MICROS = 60_000_000L;

  private final String sensor;
  private final ServerKnowledge knowledge;
  private final FindingSink sink;
  private final long reemitMicros;
  private final Counter evicted;
  private final Counter findings;
  private final Map<String, SmtpServerPosture> servers;
  private long nextSweepMicros = Long.MIN_VALUE;

  /**
   * @param knowledge fingerprints and end-of-support data; null leaves eol findings out
   */
  public SmtpFindingDetector(
      String sensor, ServerKnowledge knowledge, FindingSink sink, Counters counters, int maxServers, long reemitMicros) {
    this.sensor = sensor;
    this.knowledge = knowledge;
    this.sink = sink;
    this.reemitMicros = reemitMicros;
    this.evicted = counters.counter("smtp.posture_evicted");
    this.findings = counters.counter("smtp.findings_emitted");
    this.servers =
        new LinkedHashMap<>(256, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, SmtpServerPosture> eldest) {
            if (size() > maxServers) {
              evicted.inc();
              return true;
            }
            return false;
          }
        };
  }

  public SmtpFindingDetector(String sensor, ServerKnowledge knowledge, FindingSink sink, Counters counters) {
    this(sensor, knowledge, sink, counters, DEFAULT_MAX_SERVERS, DEFAULT_REEMIT_MICROS);
  }

  @Override
  public void onTransaction(SmtpTransaction transaction) {}

  @Override
  public void onSessionEnd(SmtpSessionSummary s) {
    String subject = subject(s);
    SmtpServerPosture p = servers.computeIfAbsent(subject, SmtpServerPosture::new);
    p.add(s, knowledge);
    publish(p, s.endMicros(), false);
  }

  /**
   * Grown evidence is also published when no new session of that server comes: the servers are
   * swept once a minute of capture time.
   */
  @Override
  public void onTick(long nowMicros) {
    if (nowMicros < nextSweepMicros) {
      return;
    }
    nextSweepMicros = nowMicros + SWEEP_MICROS;
    for (SmtpServerPosture p : servers.values()) {
      publish(p, nowMicros, false);
    }
  }

  @Override
  public void onEnd(long nowMicros) {
    for (SmtpServerPosture p : servers.values()) {
      publish(p, nowMicros, true);
    }
  }

  private static String subject(SmtpSessionSummary s) {
    var server = s.connection().server();
    String ip = server.isV4() ? server.toString() : "[" + server + "]";
    return ip + ":" + s.connection().serverPort();
  }

  private void publish(SmtpServerPosture p, long now, boolean flush) {
    maybe(p, p.eolState, now, flush, () -> eol(p));
    maybe(p, p.starttlsMissing, now, flush, () -> starttlsMissing(p));
    maybe(p, p.cleartextAuth, now, flush, () -> cleartextAuth(p));
    maybe(p, p.weakTls, now, flush, () -> weakTls(p));
  }

  private void maybe(
      SmtpServerPosture p, KindState k, long now, boolean flush, java.util.function.Supplier<Finding> build) {
    if (!k.active() || !k.dirty) {
      return;
    }
    if (k.emitted && !flush && now - k.lastEmittedMicros < reemitMicros) {
      return;
    }
    k.dirty = false;
    k.emitted = true;
    k.lastEmittedMicros = now;
    findings.inc();
    sink.emit(build.get());
  }

  private Finding eol(SmtpServerPosture p) {
    Map<String, Object> e = p.commonEvidence();
    e.put("end_of_support", p.eol.endOfSupport().toString());
    e.put("eol_product", p.eol.name());
    e.put("reference", p.eol.reference());
    String sw = p.software.label();
    return finding(p, "smtp.eol-software", "high", p.eolState,
        "Mail server " + p.subject + " runs " + sw + ", whose vendor support ended on " + p.eol.endOfSupport() + ".", e);
  }

  private Finding starttlsMissing(SmtpServerPosture p) {
    Map<String, Object> e = p.commonEvidence();
    e.put("ehlo_without_starttls", p.starttlsMissing.count);
    e.put("ehlo_with_starttls", p.ehloWithStarttls);
    return finding(p, "smtp.starttls-missing", "medium", p.starttlsMissing,
        "Mail server " + p.subject + " offers no STARTTLS, so mail to it crosses the network in cleartext.", e);
  }

  private Finding cleartextAuth(SmtpServerPosture p) {
    Map<String, Object> e = p.commonEvidence();
    e.put("mechanisms", new LinkedHashMap<>(p.authMechanisms));
    e.put("auth_attempts", p.cleartextAuth.count);
    e.put("auth_accepted", p.authSuccesses);
    // PLAIN and LOGIN carry the password itself, base64-encoded (RFC 4616); others a digest
    boolean passwords = p.authMechanisms.containsKey("PLAIN") || p.authMechanisms.containsKey("LOGIN");
    return finding(p, "smtp.cleartext-auth", passwords ? "high" : "medium", p.cleartextAuth,
        "Clients authenticate to mail server " + p.subject + " without TLS (" + String.join(", ", p.authMechanisms.keySet())
            + ", " + p.cleartextAuth.count + (p.cleartextAuth.count == 1 ? " time" : " times")
            + (passwords ? "): their passwords can be read off the wire." : ")."), e);
  }

  private Finding weakTls(SmtpServerPosture p) {
    Map<String, Object> e = p.commonEvidence();
    e.put("problems", p.tlsProblems);
    e.put("tls_versions", new LinkedHashMap<>(p.tlsVersions));
    TlsCertificate c = p.certificate;
    if (c != null) {
      Map<String, Object> cert = new LinkedHashMap<>();
      cert.put("subject", c.subject());
      cert.put("issuer", c.issuer());
      cert.put("not_before", c.notBefore() == null ? null : c.notBefore().toString());
      cert.put("not_after", c.notAfter() == null ? null : c.notAfter().toString());
      cert.put("self_signed", c.selfSigned());
      cert.put("sha256", c.sha256());
      e.put("certificate", cert);
    }
    return finding(p, "smtp.weak-tls", "medium", p.weakTls,
        "Mail server " + p.subject + " has weak TLS: " + String.join(", ", p.tlsProblems) + ".", e);
  }

  private Finding finding(
      SmtpServerPosture p, String kind, String severity, KindState k, String summary, Map<String, Object> evidence) {
    return Finding.of(sensor, kind, severity, p.subject, instant(k.firstSeenMicros), instant(k.lastSeenMicros),
        k.count, summary, evidence);
  }

  private static Instant instant(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }
}
