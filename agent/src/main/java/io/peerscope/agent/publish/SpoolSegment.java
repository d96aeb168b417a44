package io.peerscope.agent.publish;

import java.nio.file.Path;

/** One segment file of the spool and what is known about it (guarded by the spool's lock). */
final class SpoolSegment {
  private static final String SUFFIX = ".seg";

  final long id;
  final Path file;

  /** Bytes of whole, intact records: the readable end of the segment. */
  long bytes;

  /** Intact records in the segment. */
  long records;

  /** Records the broker acknowledged (or that lie before the checkpoint). */
  long acked;

  SpoolSegment(Path dir, long id) {
    this.id = id;
    this.file = dir.resolve(String.format("%016d%s", id, SUFFIX));
  }

  long unacked() {
    return records - acked;
  }

  /** The segment id of a file name such as {@code 0000000000000007.seg}, or -1. */
  static long idOf(String fileName) {
    if (!fileName.endsWith(SUFFIX) || fileName.length() != 16 + SUFFIX.length()) {
      return -1;
    }
    try {
      return Long.parseLong(fileName.substring(0, 16));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
