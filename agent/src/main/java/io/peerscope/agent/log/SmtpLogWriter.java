package io.peerscope.agent.log;

import io.peerscope.agent.metrics.Counters;
import io.peerscope.agent.smtp.SmtpListener;
import io.peerscope.agent.smtp.SmtpTransaction;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes {@code smtp.jsonl}: one line per mail transaction (and one for a session without any),
 * fields in the order CONTRACT.md names them, {@code ts} as seconds with microseconds, absent
 * values as null. It shares {@link JsonLine} and {@link JsonLinesFile} with {@code dns.jsonl}, so
 * both logs escape hostile text the same way, count {@code log.<name>.lines} and {@code
 * log.<name>.write_errors} the same way, and follow the same append rule.
 */
public final class SmtpLogWriter implements SmtpListener, Flushable, Closeable {
  public static final String NAME = "smtp";

  private final JsonLinesFile file;
  private final JsonLine line = new JsonLine();

  public SmtpLogWriter(JsonLinesFile file) {
    this.file = file;
  }

  /** Opens {@code dir/smtp.jsonl}; {@code append} keeps what an earlier run wrote. */
  public static SmtpLogWriter open(Path dir, boolean append, Counters counters) throws IOException {
    return new SmtpLogWriter(JsonLinesFile.open(dir, NAME, append, counters));
  }

  @Override
  public void onTransaction(SmtpTransaction t) {
    synchronized (line) {
      file.write(format(line, t).text());
    }
  }

  /** Fills {@code line} with the JSON of one transaction. */
  public static JsonLine format(JsonLine line, SmtpTransaction t) {
    return line.begin()
        .seconds("ts", t.tsMicros())
        .string("client", t.client().toString())
        .number("client_port", t.clientPort())
        .string("server", t.server().toString())
        .number("server_port", t.serverPort())
        .number("trans_depth", t.transDepth())
        .string("banner", t.banner())
        .string("helo", t.helo())
        .string("mail_from", t.mailFrom())
        .strings("rcpt_to", t.rcptTo())
        .string("last_reply", t.lastReply())
        .bool("tls", t.tls())
        .string("auth_mechanism", t.authMechanism())
        .string("user_agent", t.userAgent())
        .string("server_software", t.serverSoftware())
        .strings("received", t.received())
        .end();
  }

  @Override
  public void flush() {
    file.flush();
  }

  @Override
  public void close() {
    file.close();
  }
}
