package io.peerscope.agent.dns;

import io.peerscope.agent.metrics.Counter;
import io.peerscope.agent.metrics.Counters;
import java.util.Arrays;
import java.util.List;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * dnsjava's presentation text for the record types the project does not render itself (SOA,
 * RRSIG, DNSKEY, SSHFP, LOC, NAPTR, SVCB...). {@code new Message(bytes)} is expensive, so it runs
 * at most once per message and only when such a record is in the answer section. Names inside
 * RDATA may be compressed (SOA, and per RFC 3597 section 4 also SRV, NAPTR, RP...), which is why
 * the whole message is parsed rather than the record alone. When dnsjava rejects the message
 * (truncated capture, malformed other sections) the record is tried alone from its RDATA, and
 * when that fails too the caller falls back to the RFC 3597 generic form. Both are counted.
 */
final class DnsPresentation {
  private final Counter messageRejected;
  private final Counter recordRejected;

  private byte[] buf;
  private int msgOff;
  private int msgEnd;
  private boolean parsed;
  private List<Record> answers;

  DnsPresentation(Counters counters) {
    this.messageRejected = counters.counter("dns.presentation.message_rejected");
    this.recordRejected = counters.counter("dns.presentation.record_rejected");
  }

  void startMessage(byte[] buf, int msgOff, int msgEnd) {
    this.buf = buf;
    this.msgOff = msgOff;
    this.msgEnd = msgEnd;
    this.parsed = false;
    this.answers = null;
  }

  /** Presentation text of answer number {@code index}, or null when dnsjava cannot render it. */
  String render(int index, int type, int cls, long ttl, int rdOff, int rdLen) {
    if (!parsed) {
      parsed = true;
      try {
        answers = new Message(Arrays.copyOfRange(buf, msgOff, msgEnd)).getSection(Section.ANSWER);
      } catch (Exception | StackOverflowError e) {
        // dnsjava throws WireParseException and, on some hostile RDATA, runtime exceptions
        messageRejected.inc();
      }
    }
    if (answers != null && index < answers.size() && answers.get(index).getType() == type) {
      return answers.get(index).rdataToString().trim();
    }
    try {
      byte[] rdata = Arrays.copyOfRange(buf, rdOff, rdOff + rdLen);
      // dnsjava ends some forms with a space (the RFC 3597 form of empty RDATA)
      return Record.newRecord(Name.root, type, cls, ttl, rdLen, rdata).rdataToString().trim();
    } catch (Exception e) {
      recordRejected.inc();
      return null;
    }
  }
}
