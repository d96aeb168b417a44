package io.peerscope.agent.dns;

/**
 * A listener that holds transactions in slots of its own and lends the next one to the table, so
 * the table fills it in place instead of filling an instance of its own that the listener then
 * copies: the handoff to the tracker's thread, whose ring slots are what that thread reads.
 *
 * <p>The table fills the slot, calls its listeners with it, this one among them, and this one
 * recognises its own slot and takes it as it is. Until then the slot is the producer's: nothing
 * is visible to the other side before {@link DnsTransactionListener#onTransaction}.
 */
public interface DnsTransactionSlots {
  /**
   * The instance the next transaction given to this listener is best filled into; the same one
   * until a transaction (or anything else) is handed over. May wait for room, as handing over
   * would.
   */
  DnsTransaction nextSlot();
}
