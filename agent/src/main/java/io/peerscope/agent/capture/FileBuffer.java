package io.peerscope.agent.capture;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * A window over a capture file: one reused array refilled from the channel, so records are handed
 * to the pipeline in place, with no copy and no allocation per frame. Multi-byte fields are read
 * in the byte order of the file (pcap files keep the writer's order).
 */
final class FileBuffer implements AutoCloseable {
  private static final VarHandle LE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle BE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle BE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

  final byte[] buf;
  /** Next unread byte. */
  int pos;
  /** End of valid bytes. */
  int limit;
  boolean bigEndian;
  private final FileChannel channel;
  private final ByteBuffer window;
  private boolean eof;

  FileBuffer(FileChannel channel, int capacity) {
    this.channel = channel;
    this.buf = new byte[capacity];
    this.window = ByteBuffer.wrap(buf);
  }

  /** Makes n bytes available from pos (n at most the capacity); false when the file ends first. */
  boolean ensure(int n) throws IOException {
    if (limit - pos >= n) {
      return true;
    }
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      limit -= pos;
      pos = 0;
    }
    while (limit < n && !eof) {
      window.limit(buf.length).position(limit);
      int read = channel.read(window);
      if (read <= 0) {
        eof = true; // a regular file returns -1 at its end, never 0 with room in the buffer
      } else {
        limit += read;
      }
    }
    return limit - pos >= n;
  }

  /** Skips n bytes from pos, seeking past what is not buffered; false when the file ends first. */
  boolean skip(long n) throws IOException {
    long buffered = limit - pos;
    if (n <= buffered) {
      pos += (int) n;
      return true;
    }
    long target = channel.position() + (n - buffered);
    pos = limit = 0;
    if (target > channel.size()) {
      channel.position(channel.size());
      eof = true;
      return false;
    }
    channel.position(target);
    return true;
  }

  int available() {
    return limit - pos;
  }

  int capacity() {
    return buf.length;
  }

  int i32(int off) {
    return bigEndian ? (int) BE32.get(buf, off) : (int) LE32.get(buf, off);
  }

  long u32(int off) {
    return i32(off) & 0xffff_ffffL;
  }

  int u16(int off) {
    return (bigEndian ? (short) BE16.get(buf, off) : (short) LE16.get(buf, off)) & 0xffff;
  }

  int i32le(int off) {
    return (int) LE32.get(buf, off);
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing was written: a failing close of a file opened for reading loses nothing
    }
  }
}
