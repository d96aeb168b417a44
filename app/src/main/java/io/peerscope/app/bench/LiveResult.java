package io.peerscope.app.bench;

/**
 * One live-capture run: what tcpreplay sent onto the veth and what the capturing end saw.
 *
 * @param listener {@code agent} (the full agent) or {@code empty} (the same capture, no processing)
 * @param offeredPps the rate asked of tcpreplay (0: as fast as it can)
 * @param sent packets tcpreplay reports sent successfully
 * @param sendSeconds how long sending took
 * @param seen frames the capture handed to the listener
 * @param received frames libpcap says it received (pcap_stats ps_recv)
 * @param droppedByKernel frames libpcap says the kernel dropped for want of buffer (ps_drop)
 * @param droppedByInterface frames the interface dropped (ps_ifdrop)
 * @param dnsTransactions transactions the agent made of what it saw (0 for the empty listener)
 */
public record LiveResult(
    String listener,
    long offeredPps,
    long sent,
    double sendSeconds,
    long seen,
    long received,
    long droppedByKernel,
    long droppedByInterface,
    long dnsTransactions) {

  /** Sent but never handed to the listener, whatever the reason. */
  public long missing() {
    return Math.max(0, sent - seen);
  }

  public double sentPps() {
    return sendSeconds > 0 ? sent / sendSeconds : 0;
  }
}
