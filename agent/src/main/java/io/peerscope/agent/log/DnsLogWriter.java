package io.peerscope.agent.log;

import io.peerscope.agent.dns.DnsTransaction;
import io.peerscope.agent.dns.DnsTransactionListener;
import io.peerscope.agent.metrics.Counters;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes {@code dns.jsonl}: one line per {@link DnsTransaction}, fields exactly as CONTRACT.md
 * names them. {@code ts} and {@code rtt} are seconds with microseconds (JSON numbers); fields of a
 * side that was not seen are null, answers and ttls are then empty arrays.
 */
public final class DnsLogWriter implements DnsTransactionListener, Flushable, Closeable {
  public static final String NAME = "dns";

  private final JsonLinesFile file;
  private final JsonLine line = new JsonLine();

  public DnsLogWriter(JsonLinesFile file) {
    this.file = file;
  }

  /** Opens {@code dir/dns.jsonl}, replacing what was there (see {@link JsonLinesFile#open}). */
  public static DnsLogWriter open(Path dir, boolean append, Counters counters) throws IOException {
    return new DnsLogWriter(JsonLinesFile.open(dir, NAME, append, counters));
  }

  /** Writes the line during the call and keeps nothing. */
  @Override
  public boolean retainsTransactions() {
    return false;
  }

  @Override
  public void onTransaction(DnsTransaction t) {
    synchronized (line) {
      file.write(format(line, t).text());
    }
  }

  /** Fills {@code line} with the JSON of one transaction. */
  public static JsonLine format(JsonLine line, DnsTransaction t) {
    return line.begin()
        .seconds("ts", t.tsMicros())
        .string("client", t.client().toString())
        .number("client_port", t.clientPort())
        .string("server", t.server().toString())
        .number("server_port", t.serverPort())
        .string("proto", t.proto())
        .number("trans_id", t.transId())
        .seconds("rtt", t.rttMicros())
        .string("query", t.query())
        .number("qclass", t.qclass())
        .number("qtype", t.qtype())
        .string("qtype_name", t.qtypeName())
        .number("rcode", t.rcode())
        .string("rcode_name", t.rcodeName())
        .bool("aa", t.aa())
        .bool("tc", t.tc())
        .bool("rd", t.rd())
        .bool("ra", t.ra())
        .number("z", t.z())
        .strings("answers", t.answers())
        .numbers("ttls", t.ttls())
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
