package io.peerscope.agent.log;

import io.peerscope.agent.metrics.Counter;
import io.peerscope.agent.metrics.Counters;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A buffered, UTF-8 JSON-lines file ({@code <dir>/<name>.jsonl}). Writing never throws into the
 * pipeline: an I/O error is logged once, counted as {@code log.<name>.write_errors} and the line is
 * lost. Lines written are counted as {@code log.<name>.lines}. Everything is flushed on close.
 */
public final class JsonLinesFile implements Flushable, Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(JsonLinesFile.class);
  private static final int BUFFER_CHARS = 1 << 16;

  private final Path path;
  private final Writer out;
  private final Counter lines;
  private final Counter errors;
  private boolean errorLogged;
  private boolean closed;

  private JsonLinesFile(Path path, Writer out, Counter lines, Counter errors) {
    this.path = path;
    this.out = out;
    this.lines = lines;
    this.errors = errors;
  }

  /**
   * Opens {@code dir/name.jsonl}, creating the directory. {@code append} keeps what a previous
   * run wrote (a restarted live sensor); a replay starts the file afresh.
   */
  public static JsonLinesFile open(Path dir, String name, boolean append, Counters counters) throws IOException {
    Files.createDirectories(dir);
    Path path = dir.resolve(name + ".jsonl");
    Writer w =
        new BufferedWriter(
            new OutputStreamWriter(
                Files.newOutputStream(
                    path,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING),
                StandardCharsets.UTF_8),
            BUFFER_CHARS);
    return new JsonLinesFile(
        path, w, counters.counter("log." + name + ".lines"), counters.counter("log." + name + ".write_errors"));
  }

  public Path path() {
    return path;
  }

  /** Writes one complete line (the newline is added). */
  public synchronized void write(CharSequence line) {
    if (closed) {
      errors.inc();
      return;
    }
    try {
      out.append(line).append('\n');
      lines.inc();
    } catch (IOException e) {
      failed(e);
    }
  }

  @Override
  public synchronized void flush() {
    if (closed) {
      return;
    }
    try {
      out.flush();
    } catch (IOException e) {
      failed(e);
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
      failed(e);
    }
  }

  private void failed(IOException e) {
    errors.inc();
    if (!errorLogged) {
      errorLogged = true;
      LOG.error("cannot write {}: {} (further errors are only counted)", path, e.toString());
    }
  }
}
