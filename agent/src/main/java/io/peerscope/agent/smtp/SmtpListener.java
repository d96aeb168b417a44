package io.peerscope.agent.smtp;

import java.util.List;

/** Receives what SMTP sessions produce: transactions as they end, and a summary per session. */
public interface SmtpListener {
  void onTransaction(SmtpTransaction transaction);

  default void onSessionEnd(SmtpSessionSummary summary) {}

  /** Delivers to every listener in order. */
  static SmtpListener all(List<SmtpListener> listeners) {
    List<SmtpListener> copy = List.copyOf(listeners);
    return new SmtpListener() {
      @Override
      public void onTransaction(SmtpTransaction t) {
        for (SmtpListener l : copy) {
          l.onTransaction(t);
        }
      }

      @Override
      public void onSessionEnd(SmtpSessionSummary s) {
        for (SmtpListener l : copy) {
          l.onSessionEnd(s);
        }
      }
    };
  }
}
