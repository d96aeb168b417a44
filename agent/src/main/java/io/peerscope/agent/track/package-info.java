/**
 * Who asks for which DNS name, when and with what answer, in a fixed memory budget.
 *
 * <p>{@link io.peerscope.agent.track.DnsTracker} takes every DNS transaction and updates four
 * tables held by {@link io.peerscope.agent.track.TrackerState}: names ({@link
 * io.peerscope.agent.track.NameRecord}: top clients and organisations by space-saving, distinct
 * counts exact then HyperLogLog, hour-of-week, query kinds with SPF/DMARC/DKIM told apart,
 * rcodes, addresses over time), clients, addresses (the names each served) and client-name
 * pairs (gaps for periodicity). Every table is a {@link io.peerscope.agent.track.BoundedTable}
 * with its share of {@link io.peerscope.agent.track.TrackConfig#budgetMb()}; eviction picks the
 * lightest of a random sample, so a flood of one-off names evicts itself. Capture time is the
 * only clock. The state is saved to and loaded from the state directory.
 *
 * <p>Budget shares: names 45%, client-name pairs 18% plus 4% for
 * the first sightings of pairs not yet in the table ({@link
 * io.peerscope.agent.track.PairDoorkeeper}), clients 10%, addresses 10%, seen-names
 * filter 10%, the rest for what was reported.
 */
package io.peerscope.agent.track;
