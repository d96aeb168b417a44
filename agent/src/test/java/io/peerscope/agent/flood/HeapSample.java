package io.peerscope.agent.flood;

/**
 * Heap in use right after a full collection, taken between two frames.
 *
 * @param frames frames delivered to the pipeline before the sample
 * @param captureMicros capture time of the last of them (0 before the first)
 * @param usedBytes heap still in use after {@code System.gc()}: what the agent retains
 */
record HeapSample(long frames, long captureMicros, long usedBytes) {}
