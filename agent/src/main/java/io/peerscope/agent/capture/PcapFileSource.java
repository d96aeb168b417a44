package io.peerscope.agent.capture;

import io.peerscope.agent.metrics.Counters;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The project's own reader of pcap and pcapng files. pcap4j reads files through libpcap one
 * packet at a time with a JNA call and a fresh array each; this reader refills one 1 MiB buffer
 * and hands frames out of it in place, so a file replays at memory speed with no allocation per
 * frame. Damaged files end gracefully: truncated and malformed records are counted, never thrown.
 */
public final class PcapFileSource implements FrameSource {
  private static final int BUFFER_BYTES = 1 << 20;
  /** Frames between publications of the tallies to the shared counters. */
  private static final int PUBLISH_MASK = (1 << 12) - 1;

  private final Path file;
  private final FileBuffer in;
  private final RecordReader reader;
  private final CaptureCounters counters;
  private final int fileLinkType;
  private volatile boolean stopped;
  private volatile long publishedFrames;
  private long publishedBytes;

  private PcapFileSource(Path file, FileBuffer in, RecordReader reader, CaptureCounters counters, int linkType) {
    this.file = file;
    this.in = in;
    this.reader = reader;
    this.counters = counters;
    this.fileLinkType = linkType;
  }

  /**
   * Opens a capture file and checks its header.
   *
   * @throws NotACaptureException when the file is neither pcap nor pcapng (the message names the
   *     file and what it starts with)
   */
  public static PcapFileSource open(Path file, Counters counters) throws IOException {
    FileBuffer in = new FileBuffer(FileChannel.open(file, StandardOpenOption.READ), BUFFER_BYTES);
    CaptureCounters cc = new CaptureCounters(counters);
    try {
      if (!in.ensure(4)) {
        throw new NotACaptureException(
            file, in.available() == 0 ? "the file is empty" : "the file has only " + in.available() + " bytes");
      }
      int magic = in.i32le(0);
      if (magic == PcapNgReader.SHB) {
        return new PcapFileSource(file, in, new PcapNgReader(in, cc, file), cc, -1);
      }
      boolean little = ClassicPcapReader.isMagic(magic);
      if (little || ClassicPcapReader.isMagic(Integer.reverseBytes(magic))) {
        if (!in.ensure(ClassicPcapReader.FILE_HEADER)) {
          throw new NotACaptureException(file, "the pcap file header is truncated (" + in.available() + " of 24 bytes)");
        }
        int m = little ? magic : Integer.reverseBytes(magic);
        ClassicPcapReader r = new ClassicPcapReader(in, cc, m, !little);
        return new PcapFileSource(file, in, r, cc, r.linkType());
      }
      throw new NotACaptureException(file, describe(in));
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  private static String describe(FileBuffer in) {
    String start = String.format("%02x %02x %02x %02x", in.buf[0], in.buf[1], in.buf[2], in.buf[3]);
    if ((in.buf[0] & 0xff) == 0x1f && (in.buf[1] & 0xff) == 0x8b) {
      return "it starts with " + start + ", a gzip header: decompress it first";
    }
    return "it starts with " + start
        + " (a pcap file starts with a1 b2 c3 d4 or its reverse, or a1 b2 3c 4d for nanoseconds;"
        + " a pcapng file with 0a 0d 0d 0a)";
  }

  public Path file() {
    return file;
  }

  /** The link type of a classic pcap file; -1 for pcapng, where each interface has its own. */
  public int fileLinkType() {
    return fileLinkType;
  }

  @Override
  public void run(FrameHandler handler) throws IOException {
    try {
      while (!stopped && reader.next(handler)) {
        if ((reader.frames & PUBLISH_MASK) == 0) {
          publish();
        }
      }
    } finally {
      publish();
    }
  }

  private void publish() {
    counters.frames.add(reader.frames - publishedFrames);
    counters.bytes.add(reader.bytes - publishedBytes);
    publishedFrames = reader.frames;
    publishedBytes = reader.bytes;
  }

  @Override
  public void stop() {
    stopped = true;
  }

  /** Frames read so far (published every few thousand frames and at the end); a file drops none. */
  @Override
  public CaptureStats stats() {
    return new CaptureStats(publishedFrames, 0, 0);
  }

  @Override
  public void close() {
    in.close();
  }
}
