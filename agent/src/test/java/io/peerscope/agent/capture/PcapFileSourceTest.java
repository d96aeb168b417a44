package io.peerscope.agent.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerscope.agent.metrics.Counters;
import io.peerscope.agent.synth.PcapNgWriter;
import io.peerscope.agent.synth.PcapWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PcapFileSourceTest {
  private static final long T0 = 1_700_000_000_123_456L;
  private static final byte[] SMALL = {1, 2, 3};
  private static final byte[] MEDIUM = filled(1500, 7);
  private static final byte[] LARGE = filled(9000, 9); // a jumbo frame

  @TempDir Path dir;
  private final Counters counters = new Counters();

  @ParameterizedTest(name = "big-endian={0} nanoseconds={1}")
  @CsvSource({"false,false", "true,false", "false,true", "true,true"})
  void classicPcapInAllFourMagics(boolean bigEndian, boolean nanos) throws IOException {
    Path file = dir.resolve("four-magics.pcap");
    try (PcapWriter w = new PcapWriter(Files.newOutputStream(file), LinkType.LINUX_SLL,
        bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN, nanos)) {
      w.write(T0, SMALL);
      w.write(T0 + 1, MEDIUM, 0, 100, MEDIUM.length); // cut by the snap length
      w.write(T0 + 2_000_000, LARGE);
    }
    Frames frames = readAll(file);
    assertThat(frames.size()).isEqualTo(3);
    assertThat(frames.list).allSatisfy(f -> assertThat(f.linkType()).isEqualTo(LinkType.LINUX_SLL));
    assertThat(frames.get(0).tsMicros()).isEqualTo(T0);
    assertThat(frames.get(0).bytes()).isEqualTo(SMALL);
    assertThat(frames.get(1).tsMicros()).isEqualTo(T0 + 1);
    assertThat(frames.get(1).bytes()).isEqualTo(Arrays.copyOf(MEDIUM, 100));
    assertThat(frames.get(1).wireLen()).isEqualTo(1500);
    assertThat(frames.get(2).bytes()).isEqualTo(LARGE);
    assertThat(counters.get("capture.frames")).isEqualTo(3);
    assertThat(counters.get("capture.bytes")).isEqualTo(3 + 100 + 9000);
    assertThat(counters.get("capture.truncated_records")).isZero();
  }

  @Test
  void manyFramesCrossTheBufferBoundary() throws IOException {
    Path file = dir.resolve("many.pcap");
    int n = 5000; // about 7.5 MB: several refills of the 1 MiB window
    try (PcapWriter w = PcapWriter.create(file)) {
      for (int i = 0; i < n; i++) {
        byte[] f = filled(1000 + (i % 600), i);
        w.write(T0 + i, f);
      }
    }
    long[] sum = new long[2];
    try (PcapFileSource src = PcapFileSource.open(file, counters)) {
      src.run((lt, ts, buf, off, cap, wire) -> {
        int i = (int) (ts - T0);
        assertThat(cap).isEqualTo(1000 + (i % 600));
        assertThat(buf[off + cap - 1]).isEqualTo((byte) (i + cap - 1));
        sum[0]++;
      });
      assertThat(src.stats().received()).isEqualTo(n);
    }
    assertThat(sum[0]).isEqualTo(n);
  }

  @Test
  void pcapngWithSeveralInterfacesBlockKindsAndSections() throws IOException {
    Path file = dir.resolve("sections-and-interfaces.pcapng");
    try (PcapNgWriter w = new PcapNgWriter(Files.newOutputStream(file), ByteOrder.LITTLE_ENDIAN)) {
      int eth = w.addInterface(LinkType.ETHERNET, 65535, 6);
      int raw = w.addInterface(LinkType.RAW, 65535, 9);
      w.write(eth, T0, SMALL, SMALL.length);
      w.writeBlock(0x0000_0BAD, new byte[] {9, 9, 9, 9, 9}); // unknown type: skipped
      w.write(raw, T0 + 5, MEDIUM, 2000);
      w.writeSimple(SMALL); // no timestamp: keeps the last one
      w.writeObsolete(raw, T0 + 7, LARGE);
      w.startSection(ByteOrder.BIG_ENDIAN); // new section: new byte order, interfaces forgotten
      int sll2 = w.addInterface(LinkType.LINUX_SLL2, 262144, 3);
      w.write(sll2, T0 + 9000, MEDIUM, MEDIUM.length);
    }
    Frames frames = readAll(file);
    assertThat(frames.list).extracting(Frames.Frame::linkType)
        .containsExactly(LinkType.ETHERNET, LinkType.RAW, LinkType.ETHERNET, LinkType.RAW, LinkType.LINUX_SLL2);
    assertThat(frames.list).extracting(Frames.Frame::tsMicros)
        .containsExactly(T0, T0 + 5, T0 + 5, T0 + 7, (T0 + 9000) / 1000 * 1000); // milliseconds
    assertThat(frames.get(1).bytes()).isEqualTo(MEDIUM);
    assertThat(frames.get(1).wireLen()).isEqualTo(2000);
    assertThat(frames.get(2).bytes()).isEqualTo(SMALL);
    assertThat(frames.get(3).bytes()).isEqualTo(LARGE);
    assertThat(frames.get(4).bytes()).isEqualTo(MEDIUM);
    assertThat(counters.get("capture.skipped_blocks")).isEqualTo(1);
    assertThat(counters.get("capture.malformed_records")).isZero();
  }

  @Test
  void pcapngBinaryResolutionAndOffset() throws IOException {
    // IDB options by hand: if_tsresol 0x84 (1/16 s) and if_tsoffset 100 s, little-endian.
    ByteBuffer idb = ByteBuffer.allocate(4 + 4 + 4 + 8 + 12 + 4).order(ByteOrder.LITTLE_ENDIAN);
    idb.putShort((short) LinkType.ETHERNET).putShort((short) 0).putInt(65535);
    idb.putShort((short) 9).putShort((short) 1).put((byte) 0x84).put(new byte[3]);
    idb.putShort((short) 14).putShort((short) 8).putLong(100);
    idb.putShort((short) 0).putShort((short) 0);
    ByteBuffer epb = ByteBuffer.allocate(20 + 4).order(ByteOrder.LITTLE_ENDIAN);
    long ts = 16L * 50 + 8; // 50.5 s in 1/16 s units
    epb.putInt(0).putInt((int) (ts >>> 32)).putInt((int) ts).putInt(3).putInt(3).put(SMALL).put((byte) 0);
    Path file = dir.resolve("binary-resolution.pcapng");
    try (PcapNgWriter w = new PcapNgWriter(Files.newOutputStream(file), ByteOrder.LITTLE_ENDIAN)) {
      w.writeBlock(PcapNgWriter.IDB, Arrays.copyOf(idb.array(), idb.position()));
      w.writeBlock(PcapNgWriter.EPB, epb.array());
    }
    Frames frames = readAll(file);
    assertThat(frames.size()).isEqualTo(1);
    assertThat(frames.get(0).tsMicros()).isEqualTo(150_500_000L);
  }

  @Test
  void truncatedFinalRecordIsCountedWithoutException() throws IOException {
    Path file = dir.resolve("truncated-final-record.pcap");
    try (PcapWriter w = PcapWriter.create(file)) {
      w.write(T0, MEDIUM);
      w.write(T0 + 1, MEDIUM);
    }
    byte[] all = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(all, all.length - 700));
    Frames frames = readAll(file);
    assertThat(frames.size()).isEqualTo(1);
    assertThat(counters.get("capture.truncated_records")).isEqualTo(1);
  }

  @Test
  void truncatedPcapngBlockIsCountedWithoutException() throws IOException {
    Path file = dir.resolve("truncated-final-block.pcapng");
    try (PcapNgWriter w = PcapNgWriter.create(file)) {
      w.write(T0, MEDIUM);
      w.write(T0 + 1, MEDIUM);
    }
    byte[] all = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(all, all.length - 10));
    Frames frames = readAll(file);
    assertThat(frames.size()).isEqualTo(1);
    assertThat(counters.get("capture.truncated_records")).isEqualTo(1);
  }

  @Test
  void absurdRecordLengthIsMalformedAndEndsTheFile() throws IOException {
    Path file = dir.resolve("absurd-record-length.pcap");
    try (PcapWriter w = PcapWriter.create(file)) {
      w.write(T0, SMALL);
      // record header claiming 64 MiB captured
      w.writeRaw(ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
          .putInt(1).putInt(0).putInt(64 << 20).putInt(64 << 20).array());
      w.writeRaw(new byte[100]);
    }
    Frames frames = readAll(file);
    assertThat(frames.size()).isEqualTo(1);
    assertThat(counters.get("capture.malformed_records")).isEqualTo(1);
  }

  @Test
  void pcapngBlockWithMismatchedTrailerIsMalformed() throws IOException {
    Path file = dir.resolve("mismatched-trailer.pcapng");
    try (PcapNgWriter w = PcapNgWriter.create(file)) {
      w.write(T0, SMALL);
      w.writeRaw(ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
          .putInt(0x0BAD).putInt(16).putInt(0).putInt(20).array());
      w.write(T0 + 1, SMALL);
    }
    Frames frames = readAll(file);
    assertThat(frames.size()).isEqualTo(1);
    assertThat(counters.get("capture.malformed_records")).isEqualTo(1);
  }

  @Test
  void packetOnAnUndeclaredInterfaceIsSkipped() throws IOException {
    Path file = dir.resolve("undeclared-interface.pcapng");
    try (PcapNgWriter w = PcapNgWriter.create(file)) {
      ByteBuffer epb = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
      epb.putInt(7).putInt(0).putInt(0).putInt(3).putInt(3).put(SMALL).put((byte) 0);
      w.writeBlock(PcapNgWriter.EPB, epb.array());
      w.write(T0, SMALL);
    }
    Frames frames = readAll(file);
    assertThat(frames.size()).isEqualTo(1);
    assertThat(counters.get("capture.malformed_records")).isEqualTo(1);
  }

  @Test
  void randomBytesAreNotACapture() throws IOException {
    Path file = dir.resolve("random-bytes.bin");
    byte[] noise = new byte[4096];
    new Random(42).nextBytes(noise);
    noise[0] = 0x42; // not any magic by construction
    Files.write(file, noise);
    assertThatThrownBy(() -> PcapFileSource.open(file, counters))
        .isInstanceOf(NotACaptureException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("it starts with 42");
  }

  @Test
  void emptyAndShortFilesAreNotCaptures() throws IOException {
    Path empty = Files.write(dir.resolve("empty.pcap"), new byte[0]);
    assertThatThrownBy(() -> PcapFileSource.open(empty, counters))
        .isInstanceOf(NotACaptureException.class).hasMessageContaining("empty");
    Path header = Files.write(dir.resolve("half-header.pcap"), new byte[] {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 2, 0});
    assertThatThrownBy(() -> PcapFileSource.open(header, counters))
        .isInstanceOf(NotACaptureException.class).hasMessageContaining("truncated");
    Path text = Files.writeString(dir.resolve("text.pcap"), "<!DOCTYPE html>");
    assertThatThrownBy(() -> PcapFileSource.open(text, counters))
        .isInstanceOf(NotACaptureException.class).hasMessageContaining("3c 21 44 4f");
  }

  @Test
  void modifiedPcapWithLongerRecordHeadersAndFcsBits() throws IOException {
    // Kuznetzov's "modified" format (magic a1b2cd34): 8 more bytes per record header (ifindex,
    // protocol, packet type); the link-type field carries FCS bits above bit 25.
    ByteBuffer b = ByteBuffer.allocate(24 + 24 + 3).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0xa1b2cd34).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535)
        .putInt(0x1400_0000 | LinkType.ETHERNET); // FCS present, 4 bytes
    b.putInt(1_700_000_000).putInt(5).putInt(3).putInt(3).putInt(2).putShort((short) 0x0800).put((byte) 0).put((byte) 0);
    b.put(SMALL);
    Path file = Files.write(dir.resolve("modified-format.pcap"), b.array());
    Frames frames = readAll(file);
    assertThat(frames.size()).isEqualTo(1);
    assertThat(frames.get(0).linkType()).isEqualTo(LinkType.ETHERNET);
    assertThat(frames.get(0).tsMicros()).isEqualTo(1_700_000_000_000_005L);
    assertThat(frames.get(0).bytes()).isEqualTo(SMALL);
  }

  @Test
  void capturesWithNoPacketsAreEmptyNotErrors() throws IOException {
    Path pcap = dir.resolve("header-only.pcap");
    PcapWriter.create(pcap).close();
    assertThat(readAll(pcap).size()).isZero();
    Path pcapng = dir.resolve("section-only.pcapng");
    new PcapNgWriter(Files.newOutputStream(pcapng), ByteOrder.BIG_ENDIAN).close();
    assertThat(readAll(pcapng).size()).isZero();
    assertThat(counters.get("capture.truncated_records") + counters.get("capture.malformed_records")).isZero();
  }

  @Test
  void pcapngWithoutByteOrderMagicIsNotACapture() throws IOException {
    Path file = Files.write(dir.resolve("bad-section-header.pcapng"),
        ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN).putInt(0x0A0D0D0A).putInt(28).putInt(0x11223344).array());
    assertThatThrownBy(() -> PcapFileSource.open(file, counters))
        .isInstanceOf(NotACaptureException.class).hasMessageContaining("byte-order magic");
  }

  @Test
  void gzippedCaptureIsNamedAsSuch() throws IOException {
    Path file = Files.write(dir.resolve("capture.pcap.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0});
    assertThatThrownBy(() -> PcapFileSource.open(file, counters))
        .isInstanceOf(NotACaptureException.class).hasMessageContaining("gzip");
  }

  @Test
  void stopEndsRunEarly() throws IOException {
    Path file = dir.resolve("stop.pcap");
    try (PcapWriter w = PcapWriter.create(file)) {
      for (int i = 0; i < 100; i++) {
        w.write(T0 + i, SMALL);
      }
    }
    int[] seen = {0};
    try (PcapFileSource src = PcapFileSource.open(file, counters)) {
      src.run((lt, ts, buf, off, cap, wire) -> {
        if (++seen[0] == 10) {
          src.stop();
        }
      });
    }
    assertThat(seen[0]).isEqualTo(10);
    assertThat(counters.get("capture.frames")).isEqualTo(10);
  }

  private Frames readAll(Path file) throws IOException {
    Frames frames = new Frames();
    try (PcapFileSource src = PcapFileSource.open(file, counters)) {
      src.run(frames);
    }
    return frames;
  }

  private static byte[] filled(int n, int seed) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (seed + i);
    }
    return b;
  }

}
