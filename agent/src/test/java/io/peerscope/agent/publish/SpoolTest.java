package io.peerscope.agent.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.metrics.Counters;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
  private static final long CAP = 64 * 1024;

  @TempDir Path dir;
  private final Counters counters = new Counters();

  private static byte[] message(int n) {
    return String.format("{\"n\":%04d,\"pad\":\"%s\"}", n, "x".repeat(80))
        .getBytes(StandardCharsets.UTF_8);
  }

  private static int numberOf(SpoolEntry e) {
    String s = new String(e.payload(), StandardCharsets.UTF_8);
    return Integer.parseInt(s.substring(5, 9));
  }

  /** Reads everything due, acknowledging as it goes, and returns the message numbers in order. */
  private static List<Integer> drain(Spool spool) {
    List<Integer> out = new ArrayList<>();
    for (SpoolEntry e = spool.next(); e != null && out.size() < 100_000; e = spool.next()) {
      out.add(numberOf(e));
      assertThat(spool.ack(e.position())).isTrue();
    }
    return out;
  }

  private List<Path> segmentFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".seg")).sorted().toList();
    }
  }

  @Test
  void recordsComeOutInOrderAndLeaveOnlyWhenAcknowledged() throws IOException {
    try (Spool spool = Spool.open(dir, CAP, counters)) {
      for (int i = 0; i < 5; i++) {
        assertThat(spool.append(message(i))).isTrue();
      }
      SpoolEntry first = spool.next();
      SpoolEntry second = spool.next();
      assertThat(numberOf(first)).isZero();
      assertThat(numberOf(second)).isEqualTo(1);
      assertThat(spool.inFlight()).isEqualTo(2);

      assertThat(spool.ack(second.position())).isTrue();
      assertThat(spool.ack(second.position())).as("a repeated ack is ignored").isFalse();

      assertThat(spool.pending()).isEqualTo(4);
      assertThat(drain(spool)).containsExactly(2, 3, 4);
      assertThat(spool.pending()).isEqualTo(1);
      assertThat(spool.ack(first.position())).isTrue();
      assertThat(spool.pending()).isZero();
    }
  }

  @Test
  void rewindMakesInFlightRecordsDueAgain() throws IOException {
    try (Spool spool = Spool.open(dir, CAP, counters)) {
      for (int i = 0; i < 4; i++) {
        spool.append(message(i));
      }
      SpoolEntry zero = spool.next();
      SpoolEntry one = spool.next();
      spool.ack(zero.position());

      spool.rewind();

      assertThat(spool.inFlight()).isZero();
      assertThat(spool.ack(one.position())).as("stale ack after rewind").isFalse();
      assertThat(drain(spool)).containsExactly(1, 2, 3);
    }
  }

  @Test
  void unacknowledgedRecordsAreDueAgainAfterReopen() throws IOException {
    try (Spool spool = Spool.open(dir, CAP, counters)) {
      for (int i = 0; i < 6; i++) {
        spool.append(message(i));
      }
      SpoolEntry zero = spool.next();
      SpoolEntry one = spool.next();
      spool.next();
      spool.ack(zero.position());
      spool.ack(one.position());
    }

    try (Spool reopened = Spool.open(dir, CAP, new Counters())) {
      assertThat(reopened.pending()).isEqualTo(4);
      assertThat(drain(reopened)).containsExactly(2, 3, 4, 5);
    }
    try (Spool empty = Spool.open(dir, CAP, new Counters())) {
      assertThat(empty.pending()).isZero();
      assertThat(empty.next()).isNull();
    }
  }

  @Test
  void aSpoolAbandonedWithoutCloseIsRecoveredAtLeastOnce() throws IOException {
    Spool crashed = Spool.open(dir, CAP, counters);
    for (int i = 0; i < 3; i++) {
      crashed.append(message(i));
    }
    crashed.sync();
    SpoolEntry zero = crashed.next();
    crashed.ack(zero.position());
    crashed.append(message(3));
    // no sync, no close: the acknowledgement of 0 never reached the mark

    try (Spool recovered = Spool.open(dir, CAP, new Counters())) {
      assertThat(drain(recovered)).containsExactly(0, 1, 2, 3);
    }
    crashed.close();
  }

  @Test
  void overflowDropsTheOldestAndCountsThem() throws IOException {
    long cap = Spool.MIN_BYTES;
    int total = 200;
    try (Spool spool = Spool.open(dir, cap, counters)) {
      for (int i = 0; i < total; i++) {
        assertThat(spool.append(message(i))).isTrue();
        assertThat(spool.bytes()).isLessThanOrEqualTo(cap);
      }
      long dropped = counters.get("publish.spool_dropped");
      assertThat(dropped).isGreaterThan(0);
      assertThat(dropped + spool.pending()).isEqualTo(total);
      List<Integer> kept = drain(spool);
      assertThat(kept).hasSize((int) (total - dropped));
      assertThat(kept.get(kept.size() - 1)).isEqualTo(total - 1);
      assertThat(kept.get(0)).isEqualTo((int) dropped);
    }
    long onDisk = 0;
    for (Path f : segmentFiles()) {
      onDisk += Files.size(f);
    }
    assertThat(onDisk).isLessThanOrEqualTo(cap);
  }

  @Test
  void acknowledgedSegmentsAreDeletedAndTheMarkSurvives() throws IOException {
    long cap = 8 * 1024; // 1 KiB segments
    try (Spool spool = Spool.open(dir, cap, counters)) {
      for (int i = 0; i < 40; i++) {
        spool.append(message(i));
      }
      assertThat(segmentFiles()).hasSizeGreaterThan(3);
      assertThat(drain(spool)).hasSize(40);
      assertThat(segmentFiles()).as("only the segment being written").hasSize(1);
      assertThat(spool.bytes()).isLessThanOrEqualTo(1024);
    }
    try (Spool reopened = Spool.open(dir, cap, new Counters())) {
      assertThat(reopened.pending()).isZero();
    }
  }

  @Test
  void anEntryGivenBackIsTheNextOneAgain() throws IOException {
    try (Spool spool = Spool.open(dir, CAP, counters)) {
      spool.append(message(0));
      spool.append(message(1));
      spool.next();
      SpoolEntry one = spool.next();

      spool.giveBack(one);

      assertThat(spool.inFlight()).isEqualTo(1);
      assertThat(numberOf(spool.next())).isEqualTo(1);
    }
  }

  @Test
  void aRecordLargerThanTheSpoolIsDroppedAndCounted() throws IOException {
    try (Spool spool = Spool.open(dir, Spool.MIN_BYTES, counters)) {
      assertThat(spool.append(new byte[(int) Spool.MIN_BYTES])).isFalse();
      assertThat(counters.get("publish.spool_dropped")).isEqualTo(1);
      assertThat(spool.pending()).isZero();
    }
  }

  @Test
  void aTornTailIsCountedAndTheFollowingSegmentsAreDelivered() throws IOException {
    long cap = 8 * 1024; // segments of 1 KiB: about ten records each
    try (Spool spool = Spool.open(dir, cap, counters)) {
      for (int i = 0; i < 30; i++) {
        spool.append(message(i));
      }
    }
    List<Path> files = segmentFiles();
    assertThat(files).hasSizeGreaterThanOrEqualTo(3);
    Path first = files.get(0);
    long firstSize = Files.size(first);
    // flip one byte in the payload of the third record of the first segment
    int recordBytes = SpoolRecords.HEADER_BYTES + message(0).length;
    try (RandomAccessFile raf = new RandomAccessFile(first.toFile(), "rw")) {
      long at = 2L * recordBytes + SpoolRecords.HEADER_BYTES + 3;
      raf.seek(at);
      int b = raf.read();
      raf.seek(at);
      raf.write(b ^ 0x40);
    }
    // and a torn write at the end of the last one: a header promising more than is there
    Path last = files.get(files.size() - 1);
    Files.write(
        last, new byte[] {0, 0, 0, 100, 1, 2, 3, 4, '{'}, java.nio.file.StandardOpenOption.APPEND);

    Counters after = new Counters();
    try (Spool reopened = Spool.open(dir, cap, after)) {
      assertThat(after.get("publish.spool_corrupt")).isEqualTo(2);
      int lostInFirst = (int) (firstSize / recordBytes) - 2;
      List<Integer> delivered = drain(reopened);
      assertThat(delivered).hasSize(30 - lostInFirst);
      assertThat(delivered.subList(0, 2)).containsExactly(0, 1);
      assertThat(delivered.get(2)).isEqualTo(2 + lostInFirst);
      assertThat(delivered.get(delivered.size() - 1)).isEqualTo(29);
    }
  }

  @Test
  void aDamagedAcknowledgementMarkResendsEverything() throws IOException {
    try (Spool spool = Spool.open(dir, CAP, counters)) {
      spool.append(message(0));
      spool.append(message(1));
      spool.ack(spool.next().position());
    }
    Files.write(dir.resolve(SpoolCheckpoint.FILE_NAME), new byte[] {1, 2, 3});

    Counters after = new Counters();
    try (Spool reopened = Spool.open(dir, CAP, after)) {
      assertThat(after.get("publish.spool_corrupt")).isEqualTo(1);
      assertThat(drain(reopened)).containsExactly(0, 1);
    }
  }

  @Test
  void newRecordsAfterReopenFollowTheOldOnes() throws IOException {
    try (Spool spool = Spool.open(dir, CAP, counters)) {
      spool.append(message(0));
      spool.append(message(1));
    }
    try (Spool reopened = Spool.open(dir, CAP, new Counters())) {
      reopened.append(message(2));
      assertThat(drain(reopened)).containsExactly(0, 1, 2);
    }
  }
}
