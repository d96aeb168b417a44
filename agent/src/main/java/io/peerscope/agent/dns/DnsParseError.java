package io.peerscope.agent.dns;

import io.peerscope.agent.metrics.Counter;
import io.peerscope.agent.metrics.Counters;
import java.util.Locale;

/**
 * What was wrong with a DNS message. Each reason is counted as {@code dns.parse_errors.<reason>}.
 * Parsing stops at the first error of the header or question; in the answer section the records
 * read before the error are kept (a truncated capture still tells what it could).
 */
public enum DnsParseError {
  /** Not an error: the part asked for was read completely. */
  NONE,
  /** The message ends inside the header, a name, a record header or RDATA. */
  TRUNCATED,
  /** Section counts promise more records than the remaining bytes could hold (RFC 1035 4.1.1). */
  BAD_COUNTS,
  /** A length octet with the top bits 01 or 10: label over 63 or a reserved label type (RFC 1035 4.1.4, RFC 6891 5). */
  LABEL_TOO_LONG,
  /** A name longer than 255 octets on the wire (RFC 1035 3.1). */
  NAME_TOO_LONG,
  /** A compression pointer to its own position or after it: only earlier data can be referenced (RFC 1035 4.1.4). */
  POINTER_FORWARD,
  /** Too many compression pointers in one name: a loop or a deliberately deep chain. */
  POINTER_CHAIN,
  /** A record's RDLENGTH reaches beyond the end of the message. */
  RDLENGTH_OVERFLOW,
  /** RDATA that does not fit its type (an A record that is not 4 bytes, a TXT string overrunning). */
  BAD_RDATA;

  private final String counterName = "dns.parse_errors." + name().toLowerCase(Locale.ROOT);

  public String counterName() {
    return counterName;
  }

  /** The counters of every reason, indexed by ordinal ({@link #NONE} has none). */
  static Counter[] counters(Counters counters) {
    DnsParseError[] all = values();
    Counter[] out = new Counter[all.length];
    for (DnsParseError e : all) {
      if (e != NONE) {
        out[e.ordinal()] = counters.counter(e.counterName());
      }
    }
    return out;
  }

  /** Negative codes let the allocation-free name walker return a position or an error in one int. */
  int code() {
    return -1 - ordinal();
  }

  static DnsParseError ofCode(int code) {
    return values()[-1 - code];
  }
}
