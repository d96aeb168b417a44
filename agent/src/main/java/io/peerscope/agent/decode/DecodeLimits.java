package io.peerscope.agent.decode;

/**
 * Caps that keep the decoder's memory and work bounded whatever the traffic.
 *
 * @param maxVlanTags stacked 802.1Q/802.1ad tags accepted in one frame (QinQ needs two)
 * @param maxIpv6ExtensionHeaders IPv6 extension headers walked before giving up on a packet
 * @param maxFragmentDatagrams datagrams being reassembled at once; the oldest is evicted beyond
 * @param maxFragmentBytes bytes held by all datagrams being reassembled; the oldest is evicted beyond
 * @param fragmentTimeoutMicros capture time after a datagram's first fragment before an incomplete
 *     datagram is dropped (Linux's ipfrag_time defaults to 30 s; RFC 8200 says 60 s for IPv6)
 */
public record DecodeLimits(
    int maxVlanTags,
    int maxIpv6ExtensionHeaders,
    int maxFragmentDatagrams,
    long maxFragmentBytes,
    long fragmentTimeoutMicros) {
  public static final DecodeLimits DEFAULTS = new DecodeLimits(4, 8, 1024, 8L << 20, 30_000_000L);

  public DecodeLimits {
    if (maxVlanTags < 0) {
      throw new IllegalArgumentException("maxVlanTags must be >= 0: " + maxVlanTags);
    }
    if (maxIpv6ExtensionHeaders < 0) {
      throw new IllegalArgumentException("maxIpv6ExtensionHeaders must be >= 0: " + maxIpv6ExtensionHeaders);
    }
    if (maxFragmentDatagrams < 1) {
      throw new IllegalArgumentException("maxFragmentDatagrams must be >= 1: " + maxFragmentDatagrams);
    }
    if (maxFragmentBytes < 65_536) {
      throw new IllegalArgumentException("maxFragmentBytes must hold one datagram (>= 65536): " + maxFragmentBytes);
    }
    if (fragmentTimeoutMicros < 1) {
      throw new IllegalArgumentException("fragmentTimeoutMicros must be >= 1: " + fragmentTimeoutMicros);
    }
  }
}
