package io.peerscope.agent.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.peerscope.agent.metrics.Counter;
import io.peerscope.agent.metrics.Counters;
import io.peerscope.agent.smtp.SmtpListener;
import io.peerscope.agent.smtp.SmtpTransaction;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Writes smtp.jsonl (CONTRACT.md): one JSON object per transaction, fields in the contract's
 * order, {@code ts} as seconds with microseconds, absent values as null. Mail is a low-rate log,
 * so Jackson's streaming generator is plenty. Writing never throws into the pipeline: an I/O
 * error is counted as {@code log.smtp.write_errors} and the line is lost.
 */
public final class SmtpLogWriter implements SmtpListener, Flushable, Closeable {
  private static final JsonFactory JSON = new JsonFactory();

  private final OutputStream out;
  private final Counter lines;
  private final Counter errors;

  public SmtpLogWriter(OutputStream out, Counters counters) {
    this.out = out;
    this.lines = counters.counter("log.smtp.lines");
    this.errors = counters.counter("log.smtp.write_errors");
  }

  /** Opens {@code dir/smtp.jsonl}; {@code append} keeps what an earlier run wrote. */
  public static SmtpLogWriter open(Path dir, boolean append, Counters counters) throws IOException {
    Files.createDirectories(dir);
    OutputStream os =
        Files.newOutputStream(
            dir.resolve("smtp.jsonl"),
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
    return new SmtpLogWriter(new BufferedOutputStream(os, 1 << 16), counters);
  }

  @Override
  public void onTransaction(SmtpTransaction t) {
    try {
      write(t);
      lines.inc();
    } catch (IOException e) {
      errors.inc();
    }
  }

  private void write(SmtpTransaction t) throws IOException {
    JsonGenerator g = JSON.createGenerator(out);
    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    g.writeStartObject();
    g.writeFieldName("ts");
    g.writeNumber(BigDecimal.valueOf(t.tsMicros(), 6));
    g.writeStringField("client", t.client().toString());
    g.writeNumberField("client_port", t.clientPort());
    g.writeStringField("server", t.server().toString());
    g.writeNumberField("server_port", t.serverPort());
    g.writeNumberField("trans_depth", t.transDepth());
    g.writeStringField("banner", t.banner());
    g.writeStringField("helo", t.helo());
    g.writeStringField("mail_from", t.mailFrom());
    array(g, "rcpt_to", t.rcptTo());
    g.writeStringField("last_reply", t.lastReply());
    g.writeBooleanField("tls", t.tls());
    g.writeStringField("auth_mechanism", t.authMechanism());
    g.writeStringField("user_agent", t.userAgent());
    g.writeStringField("server_software", t.serverSoftware());
    array(g, "received", t.received());
    g.writeEndObject();
    g.flush();
    out.write('\n');
  }

  private static void array(JsonGenerator g, String name, List<String> values) throws IOException {
    g.writeArrayFieldStart(name);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  @Override
  public void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      errors.inc();
    }
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      errors.inc();
    }
  }
}
