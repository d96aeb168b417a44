/**
 * Detectors that turn tracked DNS relationships into findings: {@code dns.exclusive-peer},
 * {@code dns.link-severed}, {@code dns.renamed-host} and {@code dns.beaconing} ({@link
 * io.peerscope.agent.detect.DnsDetectors}), sent through {@link
 * io.peerscope.agent.detect.FindingEmitter} to a {@link io.peerscope.agent.detect.FindingSink}.
 * {@link io.peerscope.agent.detect.DnsRelationships} wires tracker, detectors and state
 * directory for the agent.
 */
package io.peerscope.agent.detect;
