/**
 * DNS: a bounded parser over the frame's bytes ({@link io.peerscope.agent.dns.DnsParser}), the
 * table that pairs queries with responses ({@link io.peerscope.agent.dns.DnsTransactionTable}) and
 * the two ways messages reach it: UDP datagrams ({@link io.peerscope.agent.dns.DnsUdpHandler}) and
 * reassembled TCP streams ({@link io.peerscope.agent.dns.DnsTcpStreams}).
 *
 * <p>Wiring: one table per pipeline thread; register it as a {@code ClockListener}, add the
 * {@code DnsTransactionListener}s (log writer, trackers), feed UDP packets that {@link
 * io.peerscope.agent.dns.DnsUdpHandler#accepts} to the handler and register the TCP factory for
 * port 53 with the reassembler. Counters live under {@code dns.*}.
 */
package io.peerscope.agent.dns;
