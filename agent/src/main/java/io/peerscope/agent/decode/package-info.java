/**
 * From a captured frame to its UDP or TCP payload, by offset over the frame's bytes: {@link
 * io.peerscope.agent.decode.PacketDecoder} fills a reused {@link io.peerscope.agent.decode.Packet}
 * and counts every frame it rejects under {@code decode.<reason>}; fragmented datagrams go through
 * the bounded {@link io.peerscope.agent.decode.FragmentReassembler}, whose caps come from {@link
 * io.peerscope.agent.decode.DecodeLimits}.
 */
package io.peerscope.agent.decode;
