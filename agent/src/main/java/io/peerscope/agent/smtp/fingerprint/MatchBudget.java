package io.peerscope.agent.smtp.fingerprint;

/**
 * A view of a banner that counts every character the regex engine reads and gives up past a
 * budget. java.util.regex backtracks, and a fingerprint file is data anyone can edit: a pattern
 * such as {@code (a+)+$} against a hostile line would otherwise run for minutes. The budget is per
 * lookup, shared by all fingerprints tried, so one banner costs bounded time whatever the files.
 */
final class MatchBudget implements CharSequence {
  /** Thrown (without a stack trace) when the budget is spent; caught by the fingerprinter. */
  static final class Exceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Exceeded() {
      super("match budget exceeded", null, false, false);
    }
  }

  private static final Exceeded EXCEEDED = new Exceeded();

  private final String text;
  private long remaining;

  MatchBudget(String text, long budget) {
    this.text = text;
    this.remaining = budget;
  }

  @Override
  public char charAt(int index) {
    if (--remaining < 0) {
      throw EXCEEDED;
    }
    return text.charAt(index);
  }

  long remaining() {
    return remaining;
  }

  @Override
  public int length() {
    return text.length();
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return text.substring(start, end);
  }

  @Override
  public String toString() {
    return text;
  }
}
