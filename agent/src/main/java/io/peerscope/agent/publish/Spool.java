package io.peerscope.agent.publish;

import io.peerscope.agent.metrics.Counter;
import io.peerscope.agent.metrics.Counters;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded, durable queue of messages waiting for the broker's acknowledgement, kept in
 * append-only segment files in the agent's state directory. Paho's own offline buffer loses and
 * overwrites messages (eclipse/paho.mqtt.java issues 224 and 348), so a finding leaves the spool
 * only when the broker acknowledged it (QoS 1 PUBACK), and survives a restart of the agent.
 *
 * <p>Durability: every {@link #append} writes the record to the file (the OS has it, so a crash of
 * the JVM loses nothing that was accepted); {@link #sync()}, called about once a second by the
 * publisher, on segment roll and on close, forces the data to the device, so a power cut loses at
 * most the last second. The acknowledgement mark ({@link SpoolCheckpoint}) is also written by sync,
 * so after a crash the few messages acknowledged since the last sync are sent again: delivery is at
 * least once, and the collector stores findings idempotently by id. The force at segment roll
 * runs on the appending thread; segments are an eighth of the cap (up to 16 MiB), so that is once
 * per megabytes of findings, never per packet.
 *
 * <p>Bounds: the segment files never exceed {@code maxBytes} together. When a new record would pass
 * the cap, the oldest segment is deleted and its unacknowledged records are counted in {@code
 * publish.spool_dropped}. A record whose length or CRC does not check out (a torn write) ends the
 * readable part of its segment: counted in {@code publish.spool_corrupt}, the rest of that segment
 * is skipped and the following segments are delivered.
 *
 * <p>Reading: {@link #next()} hands out records in order and remembers them as in flight; {@link
 * #ack} removes one; {@link #rewind()} (after a lost connection) makes every record in flight due
 * again. Every record before the read cursor is either acknowledged or in flight.
 *
 * <p>Thread safety: all methods lock the spool; none of them touches the network.
 */
public final class Spool implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(Spool.class);
  public static final long MIN_BYTES = 4096;
  private static final long MAX_SEGMENT_BYTES = 16L << 20;
  private static final long DROP_LOG_INTERVAL_NANOS = 60_000_000_000L;

  private final Path dir;
  private final long maxBytes;
  private final long segmentBytes;
  private final SpoolCheckpoint checkpoint;
  private final TreeMap<Long, SpoolSegment> segments = new TreeMap<>();
  private final TreeSet<Long> inFlight = new TreeSet<>();
  private final Counter dropped;
  private final Counter corrupt;
  private final Counter errors;

  private SpoolSegment active;
  private FileChannel activeOut;
  private FileChannel reader;
  private long readerSegment = -1;
  private long cursor;
  private long totalBytes;
  private long pending;
  private long checkpointWritten = -1;
  private boolean unsynced;
  private long lastDropLog;
  private boolean closed;

  private Spool(Path dir, long maxBytes, Counters counters) {
    if (maxBytes < MIN_BYTES) {
      throw new IllegalArgumentException("spool size must be at least " + MIN_BYTES + " bytes");
    }
    this.dir = dir;
    this.maxBytes = maxBytes;
    // Eight segments per cap: dropping the oldest keeps at least 7/8 of the allowed backlog.
    this.segmentBytes = Math.min(MAX_SEGMENT_BYTES, maxBytes / 8);
    this.checkpoint = new SpoolCheckpoint(dir);
    this.dropped = counters.counter("publish.spool_dropped");
    this.corrupt = counters.counter("publish.spool_corrupt");
    this.errors = counters.counter("publish.spool_errors");
  }

  /**
   * Opens the spool in dir (created if missing), recovering what a previous run left: records after
   * the acknowledgement mark are due again; damaged tails are counted and cut off.
   */
  public static Spool open(Path dir, long maxBytes, Counters counters) throws IOException {
    Spool spool = new Spool(dir, maxBytes, counters);
    Files.createDirectories(dir);
    spool.recover();
    return spool;
  }

  /**
   * Appends a record. Returns false when it was not stored: larger than the spool or a record may
   * be (counted as dropped), or an I/O error (counted in {@code publish.spool_errors}).
   */
  public synchronized boolean append(byte[] payload) {
    long size = SpoolRecords.size(payload);
    if (closed || payload.length > SpoolRecords.MAX_PAYLOAD_BYTES || size > maxBytes) {
      dropped.inc();
      return false;
    }
    try {
      if (active.bytes > 0 && active.bytes + size > segmentBytes) {
        roll();
      }
      while (totalBytes + size > maxBytes) {
        dropOldest();
      }
      ByteBuffer buf = SpoolRecords.encode(payload);
      long at = active.bytes;
      while (buf.hasRemaining()) {
        at += activeOut.write(buf, at);
      }
    } catch (IOException e) {
      failedWrite(e);
      return false;
    }
    active.bytes += size;
    active.records++;
    totalBytes += size;
    pending++;
    unsynced = true;
    return true;
  }

  /** The next record due for sending, now in flight; null when everything has been handed out. */
  public synchronized SpoolEntry next() {
    while (!closed) {
      Map.Entry<Long, SpoolSegment> e = segments.ceilingEntry(segmentOf(cursor));
      SpoolSegment s = e.getValue();
      if (s.id != segmentOf(cursor)) {
        cursor = position(s.id, 0);
      }
      long offset = offsetOf(cursor);
      if (offset >= s.bytes) {
        if (s == active) {
          return null;
        }
        cursor = position(segments.higherKey(s.id), 0);
        continue;
      }
      byte[] payload;
      try {
        payload = SpoolRecords.read(readerFor(s), offset, s.bytes);
      } catch (IOException ex) {
        errors.inc();
        payload = null;
      }
      if (payload == null) {
        cutAtCursor(s);
        continue;
      }
      long at = cursor;
      inFlight.add(at);
      cursor = position(s.id, offset + SpoolRecords.size(payload));
      return new SpoolEntry(at, payload);
    }
    return null;
  }

  /** The broker acknowledged the record; true if it was in flight (not a stale or repeated ack). */
  public synchronized boolean ack(long position) {
    if (!inFlight.remove(position)) {
      return false;
    }
    SpoolSegment s = segments.get(segmentOf(position));
    s.acked++;
    pending--;
    if (s != active && s.unacked() == 0) {
      delete(s);
    }
    return true;
  }

  /** The entry last handed out by {@link #next()} could not be sent: it is due again first. */
  public synchronized void giveBack(SpoolEntry entry) {
    if (!inFlight.isEmpty() && inFlight.last() == entry.position()) {
      inFlight.remove(entry.position());
      cursor = entry.position();
    }
  }

  /** Every record in flight is due again (the connection that carried them is gone). */
  public synchronized void rewind() {
    if (!inFlight.isEmpty()) {
      cursor = inFlight.first();
      inFlight.clear();
    }
  }

  /** Records stored and not yet acknowledged (in flight or not yet sent). */
  public synchronized long pending() {
    return pending;
  }

  public synchronized int inFlight() {
    return inFlight.size();
  }

  public synchronized long bytes() {
    return totalBytes;
  }

  /** Forces appended records to the device and writes the acknowledgement mark. */
  public synchronized void sync() {
    if (closed) {
      return;
    }
    try {
      if (unsynced) {
        activeOut.force(false);
        unsynced = false;
      }
      long mark = inFlight.isEmpty() ? cursor : inFlight.first();
      if (mark != checkpointWritten) {
        checkpoint.write(mark);
        checkpointWritten = mark;
      }
    } catch (IOException e) {
      errors.inc();
      LOG.warn("cannot sync the spool in {}", dir, e);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    sync();
    closed = true;
    closeQuietly(activeOut);
    closeQuietly(reader);
    if (active.records == 0) {
      deleteQuietly(active.file);
    }
  }

  private void recover() throws IOException {
    SpoolRecovery.Recovered found = SpoolRecovery.recover(dir, checkpoint, corrupt);
    for (SpoolSegment s : found.segments()) {
      segments.put(s.id, s);
      totalBytes += s.bytes;
      pending += s.unacked();
    }
    active = new SpoolSegment(dir, found.nextId());
    activeOut =
        FileChannel.open(active.file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    segments.put(active.id, active);
    cursor = found.cursor() >= 0 ? found.cursor() : position(segments.firstKey(), 0);
    while (totalBytes > maxBytes) {
      dropOldest();
    }
    if (pending > 0) {
      LOG.info(
          "spool in {} holds {} messages from a previous run; sending them again", dir, pending);
    }
  }

  /** The record at the cursor is damaged: the rest of the segment is lost. */
  private void cutAtCursor(SpoolSegment s) {
    corrupt.inc();
    // Every record before the cursor is acknowledged or in flight; the others are gone.
    long kept = s.acked + inFlight.subSet(position(s.id, 0), position(s.id + 1, 0)).size();
    long lost = s.records - kept;
    LOG.warn(
        "spool segment {} is damaged at byte {}; {} messages lost", s.file, offsetOf(cursor), lost);
    pending -= lost;
    s.records = kept;
    totalBytes -= s.bytes - offsetOf(cursor);
    s.bytes = offsetOf(cursor);
    if (s == active) {
      // New records must not follow damage the reader cannot cross.
      try {
        roll();
      } catch (IOException e) {
        failedWrite(e);
      }
    } else if (s.unacked() == 0) {
      delete(s);
    }
  }

  private void roll() throws IOException {
    activeOut.force(false);
    unsynced = false;
    activeOut.close();
    SpoolSegment next = new SpoolSegment(dir, active.id + 1);
    activeOut =
        FileChannel.open(next.file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    if (active.unacked() == 0
        && segmentOf(cursor) == active.id
        && offsetOf(cursor) >= active.bytes) {
      delete(active);
    }
    active = next;
    segments.put(next.id, next);
  }

  private void dropOldest() throws IOException {
    SpoolSegment oldest = segments.firstEntry().getValue();
    if (oldest == active) {
      roll();
      oldest = segments.firstEntry().getValue();
      if (oldest == active) {
        return;
      }
    }
    long lost = oldest.unacked();
    dropped.add(lost);
    pending -= lost;
    inFlight.subSet(position(oldest.id, 0), position(oldest.id + 1, 0)).clear();
    long now = System.nanoTime();
    if (lastDropLog == 0 || now - lastDropLog > DROP_LOG_INTERVAL_NANOS) {
      // A long outage drops continuously: say it once a minute, the counter has the total.
      lastDropLog = now;
      LOG.warn(
          "spool is full ({} bytes): dropping the oldest unsent messages ({} so far)",
          maxBytes,
          dropped.get());
    }
    delete(oldest);
  }

  private void delete(SpoolSegment s) {
    segments.remove(s.id);
    totalBytes -= s.bytes;
    if (readerSegment == s.id) {
      closeQuietly(reader);
      reader = null;
      readerSegment = -1;
    }
    deleteQuietly(s.file);
  }

  private FileChannel readerFor(SpoolSegment s) throws IOException {
    if (readerSegment != s.id) {
      closeQuietly(reader);
      reader = FileChannel.open(s.file, StandardOpenOption.READ);
      readerSegment = s.id;
    }
    return reader;
  }

  private void failedWrite(IOException e) {
    errors.inc();
    LOG.warn("cannot write to the spool in {}", dir, e);
    try {
      // Cut a partly written record off so the segment stays readable.
      activeOut.truncate(active.bytes);
    } catch (IOException again) {
      errors.inc();
    }
  }

  private void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      errors.inc();
    }
  }

  private static void closeQuietly(FileChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException ignored) {
        // closing a file we only read or already forced: nothing left to lose
      }
    }
  }

  static long position(long segment, long offset) {
    return (segment << 32) | offset;
  }

  static long segmentOf(long position) {
    return position >>> 32;
  }

  static long offsetOf(long position) {
    return position & 0xffffffffL;
  }
}
