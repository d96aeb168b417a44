package io.peerscope.agent;

import io.peerscope.agent.dns.DnsTransaction;
import io.peerscope.agent.dns.DnsTransactionListener;
import io.peerscope.agent.metrics.Counter;
import io.peerscope.agent.metrics.Counters;
import org.xbill.DNS.Rcode;

/**
 * Responses by response code ({@code dns.rcode.NXDOMAIN}, ...), so the status message and the
 * collector show how the resolvers answered. Codes come from the wire: only the ones IANA
 * assigned (0..23) get a counter of their own, everything else is {@code dns.rcode.other}, so a
 * hostile packet cannot create counters.
 */
public final class RcodeCounters implements DnsTransactionListener {
  private static final int ASSIGNED = 24;

  private final Counter[] byCode = new Counter[ASSIGNED];
  private final Counter other;

  public RcodeCounters(Counters counters) {
    for (int i = 0; i < ASSIGNED; i++) {
      byCode[i] = counters.counter("dns.rcode." + Rcode.string(i));
    }
    other = counters.counter("dns.rcode.other");
  }

  /** Counts during the call and keeps nothing. */
  @Override
  public boolean retainsTransactions() {
    return false;
  }

  @Override
  public void onTransaction(DnsTransaction t) {
    int code = t.rcodeCode();
    if (!t.hasResponse() || code < 0) {
      return;
    }
    (code >= 0 && code < ASSIGNED ? byCode[code] : other).inc();
  }
}
