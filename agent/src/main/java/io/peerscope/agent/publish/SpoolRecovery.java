package io.peerscope.agent.publish;

import io.peerscope.agent.metrics.Counter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a previous run left in the spool directory: segments before the acknowledgement mark are
 * deleted, the others are scanned record by record; a damaged record (torn write, bit rot) is
 * counted and the segment is cut before it, so the reader never meets it.
 */
final class SpoolRecovery {
  private static final Logger LOG = LoggerFactory.getLogger(SpoolRecovery.class);

  /**
   * @param segments the segments still holding unacknowledged records, oldest first
   * @param cursor the first unacknowledged record, or -1 when there is none
   * @param nextId the id for the new segment this run writes to
   */
  record Recovered(List<SpoolSegment> segments, long cursor, long nextId) {}

  private SpoolRecovery() {}

  static Recovered recover(Path dir, SpoolCheckpoint checkpoint, Counter corrupt)
      throws IOException {
    long mark = checkpoint.read();
    if (mark == -2) {
      corrupt.inc();
      LOG.warn("the spool's acknowledgement mark in {} is damaged; re-sending all it holds", dir);
      mark = -1;
    }
    List<Long> ids = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files.forEach(
          f -> {
            long id = SpoolSegment.idOf(f.getFileName().toString());
            if (id >= 0) {
              ids.add(id);
            }
          });
    }
    ids.sort(null);
    long markSegment = mark < 0 ? -1 : Spool.segmentOf(mark);
    long lastId = 0;
    long cursor = -1;
    List<SpoolSegment> kept = new ArrayList<>();
    for (long id : ids) {
      lastId = id;
      SpoolSegment s = new SpoolSegment(dir, id);
      if (id < markSegment) {
        Files.deleteIfExists(s.file);
        continue;
      }
      long first = scan(s, id == markSegment ? Spool.offsetOf(mark) : 0, corrupt);
      if (s.unacked() == 0) {
        Files.deleteIfExists(s.file);
        continue;
      }
      if (cursor < 0) {
        cursor = Spool.position(id, first);
      }
      kept.add(s);
    }
    return new Recovered(kept, cursor, lastId + 1);
  }

  /**
   * Counts the intact records of a segment and cuts off a damaged tail. Records that start before
   * ackedBelow were acknowledged in an earlier run. Returns the offset of the first record that was
   * not.
   */
  private static long scan(SpoolSegment s, long ackedBelow, Counter corrupt) throws IOException {
    long firstUnacked = -1;
    try (FileChannel ch =
        FileChannel.open(s.file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = ch.size();
      long offset = 0;
      while (offset < size) {
        byte[] payload = SpoolRecords.read(ch, offset, size);
        if (payload == null) {
          corrupt.inc();
          LOG.warn(
              "spool segment {} is damaged at byte {} of {}; skipping the rest of it",
              s.file,
              offset,
              size);
          ch.truncate(offset);
          break;
        }
        s.records++;
        if (offset < ackedBelow) {
          s.acked++;
        } else if (firstUnacked < 0) {
          firstUnacked = offset;
        }
        offset += SpoolRecords.size(payload);
      }
      s.bytes = offset;
    }
    return firstUnacked;
  }
}
