package io.peerscope.agent.log;

import io.peerscope.agent.detect.FindingSink;
import io.peerscope.agent.metrics.Counter;
import io.peerscope.agent.metrics.Counters;
import io.peerscope.wire.Finding;
import io.peerscope.wire.WireJson;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code findings.jsonl}: one line per finding emission, byte for byte the JSON published on {@code
 * peerscope/<sensor>/findings} (both come from {@link WireJson#mapper()}). A finding that grows is
 * emitted again with the same id, so the file is a history and readers keep the last line per id.
 * Each line is handed to the OS as it is emitted, so {@code tail -f} shows it at once; a write
 * error is counted in {@code log.findings_write_errors} and never reaches the detectors.
 */
public final class FindingLog implements FindingSink, Closeable {
  public static final String FILE_NAME = "findings.jsonl";
  private static final Logger LOG = LoggerFactory.getLogger(FindingLog.class);

  private final Path file;
  private final OutputStream out;
  private final Counter written;
  private final Counter writeErrors;
  private boolean failed;
  private boolean closed;

  /**
   * Opens {@code findings.jsonl} in the logs directory, creating the directory. The same rule as
   * the other logs (see {@link JsonLinesFile#open}): {@code append} keeps what a previous run of a
   * live sensor wrote, so a restart does not erase the history; a replay starts the file afresh.
   */
  public static FindingLog open(Path logsDir, boolean append, Counters counters) throws IOException {
    Files.createDirectories(logsDir);
    return new FindingLog(logsDir.resolve(FILE_NAME), append, counters);
  }

  public FindingLog(Path file, boolean append, Counters counters) throws IOException {
    this.file = file;
    OutputStream os =
        Files.newOutputStream(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
    this.out = new BufferedOutputStream(os, 64 * 1024);
    this.written = counters.counter("log.findings_written");
    this.writeErrors = counters.counter("log.findings_write_errors");
  }

  public Path file() {
    return file;
  }

  @Override
  public synchronized void emit(Finding finding) {
    if (closed) {
      writeErrors.inc();
      return;
    }
    try {
      out.write(WireJson.mapper().writeValueAsBytes(finding));
      out.write('\n');
      // Findings are rare next to packets: one write per line keeps the file tail-able live.
      out.flush();
      written.inc();
    } catch (IOException | RuntimeException e) {
      fail(e);
    }
  }

  public synchronized void flush() {
    if (closed) {
      return;
    }
    try {
      out.flush();
    } catch (IOException e) {
      fail(e);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      out.close();
    } catch (IOException e) {
      fail(e);
    }
  }

  private void fail(Exception e) {
    writeErrors.inc();
    if (!failed) {
      failed = true;
      LOG.error("cannot write {}; further errors are only counted", file, e);
    }
  }
}
