package io.peerscope.agent.smtp;

import io.peerscope.agent.metrics.Counter;
import io.peerscope.agent.metrics.Counters;

/** The SMTP parser's counters, looked up once. Names are {@code smtp.*}. */
final class SmtpCounters {
  final Counter sessions;
  final Counter transactions;
  final Counter lineTooLong;
  final Counter badReplyLines;
  final Counter unknownCommands;
  final Counter badBdat;
  final Counter authLinesDropped;
  final Counter pendingOverflow;
  final Counter unpairedReplies;
  final Counter transactionCapHits;
  final Counter recipientCapHits;
  final Counter headerCapHits;
  final Counter clientGaps;
  final Counter serverGaps;
  final Counter dataRejectedAfterBody;
  final Counter starttls;

  SmtpCounters(Counters c) {
    sessions = c.counter("smtp.sessions");
    transactions = c.counter("smtp.transactions");
    lineTooLong = c.counter("smtp.line_too_long");
    badReplyLines = c.counter("smtp.bad_reply_lines");
    unknownCommands = c.counter("smtp.unknown_commands");
    badBdat = c.counter("smtp.bad_bdat");
    authLinesDropped = c.counter("smtp.auth_lines_dropped");
    pendingOverflow = c.counter("smtp.pending_overflow");
    unpairedReplies = c.counter("smtp.unpaired_replies");
    transactionCapHits = c.counter("smtp.transaction_cap_hits");
    recipientCapHits = c.counter("smtp.recipient_cap_hits");
    headerCapHits = c.counter("smtp.header_cap_hits");
    clientGaps = c.counter("smtp.client_gaps");
    serverGaps = c.counter("smtp.server_gaps");
    dataRejectedAfterBody = c.counter("smtp.data_rejected_after_body");
    starttls = c.counter("smtp.starttls");
  }
}
