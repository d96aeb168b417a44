package io.peerscope.agent.capture;

/** pcap LINKTYPE_* values the decoder understands (https://www.tcpdump.org/linktypes.html). */
public final class LinkType {
  public static final int NULL = 0; // BSD loopback, host-order 4-byte family
  public static final int ETHERNET = 1;
  public static final int RAW = 101; // raw IPv4/IPv6
  public static final int LOOP = 108; // OpenBSD loopback, network-order family
  public static final int LINUX_SLL = 113;
  public static final int IPV4 = 228;
  public static final int IPV6 = 229;
  public static final int LINUX_SLL2 = 276;
  /** DLT_RAW as some platforms number it; seen in older files. */
  public static final int RAW_OLD_12 = 12;
  public static final int RAW_OLD_14 = 14;

  private LinkType() {}
}
