package io.peerscope.agent.decode;

import io.peerscope.agent.metrics.Counter;
import io.peerscope.agent.metrics.Counters;

/** Why frames were not decoded, and what reassembly did: one counter per reason, looked up once. */
final class DecodeCounters {
  final Counter truncated;
  final Counter unsupportedLinkType;
  final Counter nonIp;
  final Counter vlanTooDeep;
  final Counter badIpHeader;
  final Counter otherProtocol;
  final Counter extensionChainTooLong;
  final Counter encrypted;
  final Counter badUdpHeader;
  final Counter badTcpHeader;
  final Counter fragments;
  final Counter fragmentsReassembled;
  final Counter fragmentsEvicted;
  final Counter fragmentTimeouts;
  final Counter fragmentOverlaps;
  final Counter badFragment;
  final Counter fragmentTooLarge;

  DecodeCounters(Counters c) {
    truncated = c.counter("decode.truncated");
    unsupportedLinkType = c.counter("decode.unsupported_link_type");
    nonIp = c.counter("decode.non_ip");
    vlanTooDeep = c.counter("decode.vlan_too_deep");
    badIpHeader = c.counter("decode.bad_ip_header");
    otherProtocol = c.counter("decode.other_protocol");
    extensionChainTooLong = c.counter("decode.ipv6_extension_chain_too_long");
    encrypted = c.counter("decode.encrypted");
    badUdpHeader = c.counter("decode.bad_udp_header");
    badTcpHeader = c.counter("decode.bad_tcp_header");
    fragments = c.counter("decode.fragments");
    fragmentsReassembled = c.counter("decode.fragments_reassembled");
    fragmentsEvicted = c.counter("decode.fragments_evicted");
    fragmentTimeouts = c.counter("decode.fragment_timeouts");
    fragmentOverlaps = c.counter("decode.fragment_overlaps");
    badFragment = c.counter("decode.bad_fragment");
    fragmentTooLarge = c.counter("decode.fragment_too_large");
  }
}
