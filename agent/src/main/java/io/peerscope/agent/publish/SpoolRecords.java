package io.peerscope.agent.publish;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * The record framing of spool segments: a 4-byte big-endian payload length, the CRC-32C of the
 * payload (4 bytes), then the payload. A torn write (power cut, full disk) leaves a record whose
 * length runs past the end of the file or whose checksum does not match; either ends the readable
 * part of the segment.
 */
final class SpoolRecords {
  static final int HEADER_BYTES = 8;

  /** Findings are a few kilobytes; anything far larger is damage, not data. */
  static final int MAX_PAYLOAD_BYTES = 1 << 20;

  private SpoolRecords() {}

  static ByteBuffer encode(byte[] payload) {
    ByteBuffer buf = ByteBuffer.allocate(HEADER_BYTES + payload.length);
    buf.putInt(payload.length).putInt(crc(payload)).put(payload).flip();
    return buf;
  }

  /**
   * The payload of the record at offset, or null when the bytes there up to limit are not a whole,
   * intact record.
   */
  static byte[] read(FileChannel ch, long offset, long limit) throws IOException {
    if (limit - offset < HEADER_BYTES) {
      return null;
    }
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    if (!readFully(ch, header, offset)) {
      return null;
    }
    int length = header.getInt(0);
    int crc = header.getInt(4);
    if (length < 0 || length > MAX_PAYLOAD_BYTES || length > limit - offset - HEADER_BYTES) {
      return null;
    }
    ByteBuffer body = ByteBuffer.allocate(length);
    if (!readFully(ch, body, offset + HEADER_BYTES)) {
      return null;
    }
    byte[] payload = body.array();
    return crc(payload) == crc ? payload : null;
  }

  static long size(byte[] payload) {
    return HEADER_BYTES + (long) payload.length;
  }

  private static boolean readFully(FileChannel ch, ByteBuffer buf, long offset) throws IOException {
    long at = offset;
    while (buf.hasRemaining()) {
      int n = ch.read(buf, at);
      if (n < 0) {
        return false;
      }
      at += n;
    }
    return true;
  }

  private static int crc(byte[] payload) {
    CRC32C crc = new CRC32C();
    crc.update(payload);
    return (int) crc.getValue();
  }
}
