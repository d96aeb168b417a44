package io.peerscope.agent.publish;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.CRC32C;

/**
 * The spool's acknowledgement mark: the position of the oldest record not yet acknowledged by the
 * broker. Written to a temporary file and renamed over the old one, so a crash leaves either the
 * old or the new mark, never a torn one. It may lag behind the acknowledgements (it is written at
 * most once per sync), which only means a few findings are delivered twice after a crash.
 */
final class SpoolCheckpoint {
  static final String FILE_NAME = "acked";
  private static final int BYTES = 12;

  private final Path file;
  private final Path temp;

  SpoolCheckpoint(Path dir) {
    this.file = dir.resolve(FILE_NAME);
    this.temp = dir.resolve(FILE_NAME + ".tmp");
  }

  /** The stored position, -1 when there is none, -2 when the file is damaged. */
  long read() throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return -1;
    }
    if (bytes.length != BYTES) {
      return -2;
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    long position = buf.getLong();
    return crc(position) == buf.getInt() && position >= 0 ? position : -2;
  }

  void write(long position) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(BYTES).putLong(position).putInt(crc(position));
    Files.write(temp, buf.array());
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static int crc(long position) {
    CRC32C crc = new CRC32C();
    crc.update(ByteBuffer.allocate(8).putLong(position).flip());
    return (int) crc.getValue();
  }
}
