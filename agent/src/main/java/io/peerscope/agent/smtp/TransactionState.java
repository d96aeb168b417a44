package io.peerscope.agent.smtp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The smtp.jsonl line being filled. Where one line ends follows Zeek's rules so that both logs
 * pair up (Zeek's base/protocols/smtp/main.zeek): a MAIL command starts a new line if the
 * current one saw client activity (MAIL, RCPT, message headers, STARTTLS); the server's reply to
 * the end of a message (DATA's dot, BDAT LAST) closes the line. RSET does not end a line (a MAIL
 * after it does). Unlike Zeek, a message whose end the client sent is set aside until its reply
 * arrives, so a MAIL pipelined right after the dot (RFC 2920 section 3.1) starts the next line
 * instead of cutting this one short.
 */
final class TransactionState {
  private final int maxRecipients;
  private final SmtpCounters counters;

  long tsMicros;
  String mailFrom;
  final Set<String> rcptTo = new LinkedHashSet<>();
  String lastReply;
  boolean tls;
  String userAgent;
  final List<String> received = new ArrayList<>();
  private boolean activity;

  TransactionState(long tsMicros, int maxRecipients, SmtpCounters counters) {
    this.tsMicros = tsMicros;
    this.maxRecipients = maxRecipients;
    this.counters = counters;
  }

  boolean hasActivity() {
    return activity;
  }

  /** Returns true when the current line must be written before this MAIL starts a new one. */
  boolean mailStartsNewLine() {
    return activity;
  }

  void onMail(String from) {
    if (from != null) {
      mailFrom = from;
    }
    activity = true;
  }

  void onRcpt(String to) {
    if (to != null) {
      if (rcptTo.size() < maxRecipients) {
        rcptTo.add(to);
      } else {
        counters.recipientCapHits.inc();
      }
    }
    activity = true;
  }

  void onHeaders(MessageHeaders h) {
    if (h.userAgent() != null) {
      userAgent = h.userAgent();
    }
    for (String r : h.received()) {
      if (received.size() < 8) {
        received.add(r);
      }
    }
    activity = true;
  }

  void onStartTls() {
    tls = true;
    activity = true;
  }

  /** Starts the next line: per-transaction fields are cleared; the TLS state carries over. */
  void next(long ts) {
    tsMicros = ts;
    mailFrom = null;
    rcptTo.clear();
    lastReply = null;
    userAgent = null;
    received.clear();
    activity = false;
  }
}
