/**
 * Sources of frames behind one interface, {@link io.peerscope.agent.capture.FrameSource}: the
 * project's own reader of pcap and pcapng files ({@link io.peerscope.agent.capture.PcapFileSource})
 * and live capture through libpcap via pcap4j ({@link
 * io.peerscope.agent.capture.LiveCaptureSource}). Both hand frames out of a buffer the source
 * owns; the handler must copy what it keeps.
 */
package io.peerscope.agent.capture;
