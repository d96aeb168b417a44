package io.peerscope.agent.smtp;

import io.peerscope.agent.tcp.TcpConnection;
import java.util.ArrayList;

/**
 * The transactions of one session and where each ends: the line being filled, the message that
 * waits for the server's verdict, trans_depth, the per-session cap, and the final summary.
 */
final class TransactionLog {
  private final TcpConnection connection;
  private final long startMicros;
  private final SmtpLimits limits;
  private final SmtpCounters counters;
  private final SmtpListener listener;
  private final SoftwareIdentifier identifier;
  private final SessionFacts facts;

  private TransactionState current;
  /** A message the client ended, waiting for the server's verdict. */
  private TransactionState finishing;
  private int messagesAcked;

  TransactionLog(
      TcpConnection connection, long startMicros, SmtpLimits limits, SmtpCounters counters,
      SmtpListener listener, SoftwareIdentifier identifier, SessionFacts facts) {
    this.connection = connection;
    this.startMicros = startMicros;
    this.limits = limits;
    this.counters = counters;
    this.listener = listener;
    this.identifier = identifier;
    this.facts = facts;
    this.current = new TransactionState(startMicros, limits.maxRecipients(), counters);
  }

  TransactionState current() {
    return current;
  }

  /** MAIL FROM: a line that saw client activity is written and the next one begins. */
  void onMail(long ts, String from) {
    if (current.mailStartsNewLine()) {
      emit(current);
      current.next(ts);
    }
    current.onMail(from);
  }

  /** The client sent the whole message: it waits for its reply while the client goes on. */
  void messageSent(long ts, MessageHeaders headers) {
    current.onHeaders(headers);
    if (finishing != null) {
      emit(finishing); // its reply never came (one-sided capture, lost bytes)
    }
    finishing = current;
    current = new TransactionState(ts, limits.maxRecipients(), counters);
    current.tls = finishing.tls;
  }

  /** Every reply line; the verdict on a message belongs to that message's line. */
  void lastReply(String reply, boolean verdict) {
    (verdict && finishing != null ? finishing : current).lastReply = reply;
  }

  /** The server answered the end of a message (DATA's dot or BDAT LAST), whatever the code. */
  void messageAcknowledged(long ts) {
    if (finishing != null) {
      emit(finishing);
      finishing = null;
    } else if (current.hasActivity()) {
      emit(current);
      current.next(ts);
    }
    messagesAcked++;
  }

  /** The connection ended: what is open is written, and a session without any line gets one. */
  void close(long endMicros, boolean implicitTls, MessageHeaders openMessage) {
    if (openMessage != null) {
      current.onHeaders(openMessage);
    }
    if (finishing != null) {
      emit(finishing);
      finishing = null;
    }
    if (current.hasActivity() || facts.transactionsLogged == 0) {
      emit(current);
    }
    listener.onSessionEnd(
        new SmtpSessionSummary(
            connection, startMicros, endMicros, facts.banner, facts.ehloLines, facts.capabilities(), facts.helo,
            facts.authMechanism, facts.authMechanisms, facts.authSuccess, facts.starttlsAttempted, facts.tls,
            implicitTls, facts.tlsInfo(), facts.transactionsLogged, facts.software(identifier)));
  }

  private void emit(TransactionState t) {
    if (facts.transactionsLogged >= limits.maxTransactions()) {
      counters.transactionCapHits.inc();
      return;
    }
    facts.transactionsLogged++;
    counters.transactions.inc();
    listener.onTransaction(
        new SmtpTransaction(
            t.tsMicros,
            connection.client(),
            connection.clientPort(),
            connection.server(),
            connection.serverPort(),
            messagesAcked + 1, // Zeek's trans_depth: messages the server acknowledged before, + 1
            facts.banner,
            facts.helo,
            t.mailFrom,
            new ArrayList<>(t.rcptTo),
            t.lastReply,
            t.tls || facts.tls,
            facts.authMechanism,
            t.userAgent,
            t.received,
            facts.software(identifier)));
  }
}
