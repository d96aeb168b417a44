package io.peerscope.agent.track;

/**
 * A new name that took over an address from an earlier name whose askers it shares.
 *
 * @param earlierName the name that resolved to the address before
 * @param address the shared address
 * @param firstQuerier the client whose lookup first brought the new name
 * @param sharedBy "client" when that client had asked for the earlier name, "organisation" when
 *     only its organisation had
 * @param earlierLastSeenMicros when the earlier name last resolved to the address
 * @param firstSeenMicros when the new name was first looked up
 * @param earlierFailingSinceMicros when the earlier name began failing (NXDOMAIN, no answer...),
 *     0 when it was not failing: the removal the new name followed
 */
public record RenameEvent(
    String earlierName,
    String address,
    String firstQuerier,
    String firstQuerierOrganisation,
    String sharedBy,
    long earlierFirstSeenMicros,
    long earlierLastSeenMicros,
    long firstSeenMicros,
    long earlierFailingSinceMicros) {}
