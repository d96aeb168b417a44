package io.peerscope.agent.dns;

import io.peerscope.agent.metrics.Counter;
import io.peerscope.agent.metrics.Counters;

/**
 * A bounded DNS message parser over {@code byte[] buf, int off, int len}, reused for every message
 * of one pipeline thread. {@link #parse} reads the 12-byte header and the questions without
 * allocating (the cheap triage every message needs); {@link #decodeAnswers} reads the answer
 * section only when a log line needs it. Malformed input never throws: the result names what was
 * wrong and the reason is counted under {@code dns.parse_errors.<reason>}.
 */
public final class DnsParser {
  static final int HEADER_LENGTH = 12;
  /** Root name (1 octet) plus type and class: the smallest question (RFC 1035 4.1.2). */
  private static final int MIN_QUESTION = 5;
  /** Root owner, type, class, TTL and RDLENGTH: the smallest resource record (RFC 1035 4.1.3). */
  private static final int MIN_RECORD = 11;

  private final Counter[] errorCounters;
  private final DnsRdataRenderer renderer;
  private final int maxAnswers;
  private final Counter answersCapped;
  /** Reused for every name this parser renders: only the resulting String is allocated. */
  private final StringBuilder scratch = new StringBuilder(256);

  private byte[] buf;
  private int msgOff;
  private int msgEnd;
  private int flags;
  private int id;
  private int qdCount;
  private int anCount;
  private int questionPos;
  private int qtype;
  private int qclass;
  private int answersPos;
  private int firstOwnerPos;

  public DnsParser(Counters counters, DnsLimits limits) {
    this.errorCounters = DnsParseError.counters(counters);
    this.renderer = new DnsRdataRenderer(counters);
    this.maxAnswers = limits.maxAnswersPerMessage();
    this.answersCapped = counters.counter("dns.answers_capped");
  }

  /**
   * Reads header and question section. On {@link DnsParseError#NONE} the accessors describe the
   * message; on an error nothing else may be asked of it (the error is already counted).
   */
  public DnsParseError parse(byte[] buf, int off, int len) {
    this.buf = buf;
    this.msgOff = off;
    this.msgEnd = off + len;
    this.questionPos = -1;
    this.qtype = -1;
    this.qclass = -1;
    this.firstOwnerPos = -1;
    if (len < HEADER_LENGTH) {
      return fail(DnsParseError.TRUNCATED);
    }
    id = u16(off);
    flags = u16(off + 2);
    qdCount = u16(off + 4);
    anCount = u16(off + 6);
    int p = off + HEADER_LENGTH;
    if ((long) qdCount * MIN_QUESTION > msgEnd - p) {
      return fail(DnsParseError.BAD_COUNTS);
    }
    for (int i = 0; i < qdCount; i++) {
      int next = DnsNames.skip(buf, msgOff, msgEnd, msgEnd, p);
      if (next < 0) {
        return fail(DnsParseError.ofCode(next));
      }
      if (next + 4 > msgEnd) {
        return fail(DnsParseError.TRUNCATED);
      }
      if (i == 0) {
        questionPos = p;
        qtype = u16(next);
        qclass = u16(next + 2);
      }
      p = next + 4;
    }
    answersPos = p;
    return DnsParseError.NONE;
  }

  /**
   * Decodes the answer section of the message last given to {@link #parse} into {@code out}
   * (cleared first), up to the configured number of answers. Records read before an error are
   * kept; the error is counted and returned.
   */
  public DnsParseError decodeAnswers(DnsAnswers out) {
    out.clear();
    renderer.startMessage(buf, msgOff, msgEnd);
    firstOwnerPos = -1;
    int p = answersPos;
    if ((long) anCount * MIN_RECORD > msgEnd - p) {
      // A capture cut by its snap length still shows its first records: read what is there.
      count(DnsParseError.BAD_COUNTS);
    }
    int n = anCount;
    if (n > maxAnswers) {
      answersCapped.inc();
      n = maxAnswers;
    }
    for (int i = 0; i < n; i++) {
      int next = DnsNames.skip(buf, msgOff, msgEnd, msgEnd, p);
      if (next < 0) {
        return fail(DnsParseError.ofCode(next));
      }
      if (next + 10 > msgEnd) {
        return fail(DnsParseError.TRUNCATED);
      }
      int type = u16(next);
      int cls = u16(next + 2);
      long ttl = u32(next + 4);
      int rdLen = u16(next + 8);
      int rdOff = next + 10;
      if (rdOff + rdLen > msgEnd) {
        return fail(DnsParseError.RDLENGTH_OVERFLOW);
      }
      if (i == 0) {
        firstOwnerPos = p;
      }
      String value = renderer.render(i, type, cls, ttl, rdOff, rdLen);
      if (value == null) {
        count(DnsParseError.BAD_RDATA);
        value = DnsRdataRenderer.generic(buf, rdOff, rdLen);
      }
      out.add(type, value, ttl);
      p = rdOff + rdLen;
    }
    return DnsParseError.NONE;
  }

  public int id() {
    return id;
  }

  public int flags() {
    return flags;
  }

  /** QR bit: true for a response (RFC 1035 4.1.1). */
  public boolean isResponse() {
    return (flags & 0x8000) != 0;
  }

  public int opcode() {
    return (flags >>> 11) & 0xf;
  }

  public boolean aa() {
    return (flags & 0x0400) != 0;
  }

  public boolean tc() {
    return (flags & 0x0200) != 0;
  }

  public boolean rd() {
    return (flags & 0x0100) != 0;
  }

  public boolean ra() {
    return (flags & 0x0080) != 0;
  }

  /** The three bits after RA: Z, AD and CD (RFC 4035 3.2), the value Zeek logs as Z. */
  public int z() {
    return (flags >>> 4) & 0x7;
  }

  /** The 4-bit header RCODE; EDNS extended rcodes live in the OPT record and are not merged. */
  public int rcode() {
    return flags & 0xf;
  }

  public int questionCount() {
    return qdCount;
  }

  public int answerCount() {
    return anCount;
  }

  public boolean hasQuestion() {
    return questionPos >= 0;
  }

  /** Type of the first question, or -1 when there is none. */
  public int qtype() {
    return qtype;
  }

  /** Class of the first question, or -1 when there is none. */
  public int qclass() {
    return qclass;
  }

  /** The first question's name in presentation form (allocates), or null when there is none. */
  public String questionName() {
    return questionPos < 0 ? null : DnsNames.toString(scratch, buf, msgOff, msgEnd, questionPos);
  }

  /**
   * The owner name of the first answer read by {@link #decodeAnswers} (allocates), or null. mDNS
   * responses carry no question (RFC 6762 section 6), so this is what they are about.
   */
  public String firstAnswerOwner() {
    return firstOwnerPos < 0 ? null : DnsNames.toString(scratch, buf, msgOff, msgEnd, firstOwnerPos);
  }

  private DnsParseError fail(DnsParseError e) {
    count(e);
    return e;
  }

  private void count(DnsParseError e) {
    errorCounters[e.ordinal()].inc();
  }

  private int u16(int p) {
    return ((buf[p] & 0xff) << 8) | (buf[p + 1] & 0xff);
  }

  private long u32(int p) {
    return ((long) u16(p) << 16) | u16(p + 2);
  }
}
