package io.peerscope.agent.dns;

/** Receives every completed DNS transaction: the log writer, the peer tracker. */
@FunctionalInterface
public interface DnsTransactionListener {
  void onTransaction(DnsTransaction transaction);
}
