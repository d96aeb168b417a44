package io.peerscope.agent.capture;

import java.io.IOException;
import java.nio.file.Path;

/** The file is neither a pcap nor a pcapng capture; the command line exits 2 on it. */
public final class NotACaptureException extends IOException {
  private final Path file;

  public NotACaptureException(Path file, String what) {
    super(file + " is not a pcap or pcapng capture: " + what);
    this.file = file;
  }

  public Path file() {
    return file;
  }
}
