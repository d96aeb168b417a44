package io.peerscope.agent.smtp;

import java.util.ArrayList;
import java.util.List;

/**
 * The server's side: reply lines (RFC 5321 section 4.2: three digits, then '-' on every line of
 * a multi-line reply but the last), each complete reply paired with the oldest command that
 * waits for one. A reply line that does not start with three digits is counted and skipped.
 */
final class ReplyReader {
  private final SmtpSession session;
  private final SmtpLimits limits;
  private final SmtpCounters counters;
  private final LineBuffer line;

  private boolean tls;
  private int linesInReply;
  private String firstLine;
  private List<String> ehloLines;

  ReplyReader(SmtpSession session, SmtpLimits limits, SmtpCounters counters) {
    this.session = session;
    this.limits = limits;
    this.counters = counters;
    this.line = new LineBuffer(limits.maxLineBytes(), counters.lineTooLong);
  }

  int bufferedLineBytes() {
    return line.capacity();
  }

  void startTls() {
    tls = true;
  }

  void data(long ts, byte[] b, int i, int end) {
    while (i < end) {
      if (tls) {
        session.tls().onData(false, b, i, end - i);
        return;
      }
      i += line.append(b, i, end);
      if (!line.complete()) {
        return;
      }
      replyLine(ts);
      line.reset();
    }
  }

  /**
   * Reply bytes were lost, and with them an unknown number of replies: pairing restarts with
   * the next command rather than attaching later replies to the wrong ones.
   */
  void gap() {
    if (tls) {
      session.tls().onGap(false);
      return;
    }
    line.reset();
    linesInReply = 0;
    ehloLines = null;
    session.clearPending();
  }

  private void replyLine(long ts) {
    byte[] b = line.bytes();
    int n = line.length();
    if (n < 3 || !digit(b[0]) || !digit(b[1]) || !digit(b[2]) || (n > 3 && b[3] != ' ' && b[3] != '-')) {
      counters.badReplyLines.inc();
      return;
    }
    int code = (b[0] - '0') * 100 + (b[1] - '0') * 10 + (b[2] - '0');
    boolean more = n > 3 && b[3] == '-';
    String text = n > 4 ? WireText.decode(b, 4, n - 4) : "";
    // Zeek's last_reply: "<code> <text>" of the last reply line seen
    session.lastReply(code + " " + text);
    if (linesInReply++ == 0) {
      firstLine = text;
      ehloLines = session.pendingHead() == SmtpVerb.EHLO ? new ArrayList<>() : null;
    }
    if (ehloLines != null && ehloLines.size() < limits.maxEhloLines()) {
      ehloLines.add(text);
    }
    if (!more) {
      linesInReply = 0;
      reply(ts, code);
      ehloLines = null;
    }
  }

  private void reply(long ts, int code) {
    SmtpVerb v = session.pendingHead();
    if (v == SmtpVerb.GREETING && code != 220 && code != 421 && code != 554) {
      // picked up midstream: the first reply we see answers a command, not the connection
      session.pollPending();
      v = session.pendingHead();
    }
    if (v == null) {
      session.unpairedReply(code);
      return;
    }
    if (v == SmtpVerb.AUTH && code == 334) {
      return; // a SASL challenge: the exchange goes on, AUTH still waits for its outcome
    }
    session.pollPending();
    switch (v) {
      case GREETING -> session.greeting(firstLine);
      case EHLO -> {
        if (code == 250 && ehloLines != null) {
          session.ehloReply(ehloLines);
        }
      }
      case DATA -> session.dataReply(code == 354);
      case END_OF_DATA, BDAT_LAST -> session.messageAcknowledged(ts);
      case STARTTLS -> session.starttlsReply(code == 220);
      case AUTH -> session.authReply(code);
      default -> {}
    }
  }

  private static boolean digit(byte c) {
    return c >= '0' && c <= '9';
  }
}
