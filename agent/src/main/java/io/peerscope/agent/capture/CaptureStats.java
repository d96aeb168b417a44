package io.peerscope.agent.capture;

/** What the capture layer saw and lost (libpcap's pcap_stats for live capture). */
public record CaptureStats(long received, long droppedByKernel, long droppedByInterface) {
  public static final CaptureStats NONE = new CaptureStats(0, 0, 0);
}
