package io.peerscope.agent;

/**
 * Which stages of the pipeline get a thread of their own, from the cores the machine offers.
 * Tracking comes first: its tables are far larger than the caches, so it costs more per packet
 * than capture, decoding and parsing together, and on two cores it is the stage worth a core of
 * its own. Capture through pcap4j gets one too when a third core is there to run it.
 *
 * @param capture frames from the source cross a {@code FrameHandoff} to the pipeline's thread
 * @param tracking transactions cross a {@code DnsTransactionHandoff} to the tracker's thread
 */
record PipelineThreads(boolean capture, boolean tracking) {
  static PipelineThreads forCores(int cores, boolean sourcePrefersHandoff) {
    return new PipelineThreads(sourcePrefersHandoff && cores >= 3, cores >= 2);
  }

  static PipelineThreads forThisMachine(boolean sourcePrefersHandoff) {
    return forCores(Runtime.getRuntime().availableProcessors(), sourcePrefersHandoff);
  }
}
