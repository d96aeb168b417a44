package io.peerscope.agent;

/**
 * Which stages of the pipeline get a thread of their own, from the cores the machine offers.
 * Reading a file, tracking takes the second core: its tables are far larger than the caches, so
 * it costs more per packet than reading, decoding and parsing together. Capturing live through
 * pcap4j, the capture loop takes it instead: it must drain the kernel's buffer whatever the
 * pipeline is doing (measured on a veth at 200,000 packets/s on two cores: no drop with the
 * capture on a thread of its own, about 4 % dropped with tracking on one instead). From three
 * cores on, both.
 *
 * @param capture frames from the source cross a {@code FrameHandoff} to the pipeline's thread
 * @param tracking transactions cross a {@code DnsTransactionHandoff} to the tracker's thread
 */
record PipelineThreads(boolean capture, boolean tracking) {
  static PipelineThreads forCores(int cores, boolean sourcePrefersHandoff) {
    boolean capture = sourcePrefersHandoff && cores >= 2;
    return new PipelineThreads(capture, cores >= (capture ? 3 : 2));
  }

  static PipelineThreads forThisMachine(boolean sourcePrefersHandoff) {
    return forCores(Runtime.getRuntime().availableProcessors(), sourcePrefersHandoff);
  }
}
