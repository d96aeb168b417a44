package io.peerscope.agent.dns;

/** Receives every completed DNS transaction: the log writer, the peer tracker. */
@FunctionalInterface
public interface DnsTransactionListener {
  /** The transaction is only valid during the call unless {@link #retainsTransactions()}. */
  void onTransaction(DnsTransaction transaction);

  /**
   * Whether this listener keeps transactions after the call returns. A table whose listeners all
   * answer false refills one instance for every line; the default is the safe answer.
   */
  default boolean retainsTransactions() {
    return true;
  }
}
