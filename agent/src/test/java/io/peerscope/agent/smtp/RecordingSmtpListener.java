package io.peerscope.agent.smtp;

import java.util.ArrayList;
import java.util.List;

/** Keeps every transaction and session summary a parser produced. */
final class RecordingSmtpListener implements SmtpListener {
  final List<SmtpTransaction> transactions = new ArrayList<>();
  final List<SmtpSessionSummary> sessions = new ArrayList<>();

  @Override
  public void onTransaction(SmtpTransaction t) {
    transactions.add(t);
  }

  @Override
  public void onSessionEnd(SmtpSessionSummary s) {
    sessions.add(s);
  }
}
