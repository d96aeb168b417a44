package io.peerscope.agent.capture;

import io.peerscope.agent.metrics.Counter;
import io.peerscope.agent.metrics.Counters;

/** The counters of the file readers, looked up once. */
final class CaptureCounters {
  final Counter frames;
  final Counter bytes;
  final Counter truncatedRecords;
  final Counter malformedRecords;
  final Counter skippedBlocks;

  CaptureCounters(Counters counters) {
    frames = counters.counter("capture.frames");
    bytes = counters.counter("capture.bytes");
    truncatedRecords = counters.counter("capture.truncated_records");
    malformedRecords = counters.counter("capture.malformed_records");
    skippedBlocks = counters.counter("capture.skipped_blocks");
  }
}
