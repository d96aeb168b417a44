package io.peerscope.agent.detect;

import io.peerscope.agent.metrics.Counter;
import io.peerscope.agent.metrics.Counters;
import io.peerscope.agent.track.EmissionLedger;
import io.peerscope.agent.track.Evidence;
import io.peerscope.wire.Finding;
import java.util.Map;

/**
 * Sends DNS findings, bounded: a new (kind, subject) goes out at once unless this hour of capture
 * time already produced the maximum number of new findings (then it waits for a later sweep); a
 * known one goes out again only when its count or evidence changed, at most once per re-emit
 * interval, and at the end of the capture whatever changed is sent. The id is stable
 * ({@link Finding#of}), so receivers update in place.
 */
public final class FindingEmitter {
  private static final long HOUR_MICROS = 3_600_000_000L;

  private final String sensor;
  private final FindingSink sink;
  private final long reemitMicros;
  private final int maxNewPerHour;
  private final Counter emitted;
  private final Counter updated;
  private final Counter rateLimited;
  private long hour = Long.MIN_VALUE;
  private int newThisHour;

  public FindingEmitter(String sensor, long reemitMicros, int maxNewPerHour, Counters counters,
      FindingSink sink) {
    this.sensor = sensor;
    this.sink = sink;
    this.reemitMicros = reemitMicros;
    this.maxNewPerHour = maxNewPerHour;
    this.emitted = counters.counter("track.findings.emitted");
    this.updated = counters.counter("track.findings.updated");
    this.rateLimited = counters.counter("track.findings.rate_limited");
  }

  /** A finding as a detector sees it now; sent or held back by the rules above. */
  public record Candidate(
      String kind,
      String severity,
      String subject,
      long firstSeenMicros,
      long lastSeenMicros,
      long count,
      String summary,
      Map<String, Object> evidence) {}

  /** Returns true when the finding was sent. */
  public boolean offer(EmissionLedger ledger, Candidate c, long nowMicros, boolean end) {
    EmissionLedger.Entry e = ledger.get(c.kind(), c.subject());
    long evidenceHash = c.evidence().hashCode() * 31L + c.summary().hashCode();
    if (e == null) {
      long h = Math.floorDiv(nowMicros, HOUR_MICROS);
      if (h != hour) {
        hour = h;
        newThisHour = 0;
      }
      if (newThisHour >= maxNewPerHour) {
        rateLimited.inc();
        return false;
      }
      newThisHour++;
      e = ledger.getOrCreate(c.kind(), c.subject());
      e.firstSentMicros = nowMicros;
      emitted.inc();
    } else {
      if (e.lastCount == c.count() && e.lastEvidenceHash == evidenceHash) {
        return false;
      }
      if (!end && nowMicros - e.lastSentMicros < reemitMicros) {
        return false;
      }
      updated.inc();
    }
    e.lastSentMicros = nowMicros;
    e.lastCount = c.count();
    e.lastEvidenceHash = evidenceHash;
    sink.emit(Finding.of(sensor, c.kind(), c.severity(), c.subject(),
        Evidence.instant(c.firstSeenMicros()), Evidence.instant(c.lastSeenMicros()), c.count(),
        c.summary(), c.evidence()));
    return true;
  }
}
