/**
 * Synthetic captures for tests, the demo and benchmark workloads: pcap and pcapng writers, whole
 * Ethernet frames with correct lengths and checksums ({@link io.peerscope.agent.synth.FrameBuilder}),
 * scripted TCP conversations whose segments can be reordered, duplicated or dropped before
 * writing ({@link io.peerscope.agent.synth.TcpConversation}) and DNS messages built with dnsjava
 * ({@link io.peerscope.agent.synth.DnsWire}). Nothing here is on the hot path.
 */
package io.peerscope.agent.synth;
