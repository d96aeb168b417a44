package io.peerscope.agent.smtp;

import java.util.Locale;

/** Arguments of SMTP commands, read from the line's bytes (RFC 5321 section 4.1.2). */
final class Addresses {
  private static final int MAX_PATH = 320; // RFC 5321 section 4.5.3.1.3: 256 octets, with slack
  private static final int MAX_HELO = 255;
  private static final int MAX_MECHANISM = 20; // RFC 4422 section 3.1: at most 20 characters

  private Addresses() {}

  static boolean hasPrefix(byte[] b, int off, int end, String ascii) {
    return end - off >= ascii.length() && SmtpVerb.equalsIgnoreCase(b, off, ascii);
  }

  /**
   * The address of a {@code FROM:} or {@code TO:} argument: the text between angle brackets
   * when there are any (ESMTP parameters after them are ignored), else the first word. The null
   * reverse-path {@code <>} gives null, as Zeek leaves mailfrom unset for it.
   */
  static String path(byte[] b, int from, int end) {
    int i = from;
    while (i < end && b[i] == ' ') {
      i++;
    }
    int start;
    int stop;
    if (i < end && b[i] == '<') {
      start = i + 1;
      stop = start;
      while (stop < end && b[stop] != '>') {
        stop++;
      }
    } else {
      start = i;
      stop = start;
      while (stop < end && b[stop] != ' ') {
        stop++;
      }
    }
    int n = Math.min(stop - start, MAX_PATH);
    return n <= 0 ? null : WireText.decode(b, start, n);
  }

  /** The HELO/EHLO argument as the client sent it, trimmed. */
  static String helo(byte[] b, int from, int end) {
    while (from < end && b[from] == ' ') {
      from++;
    }
    while (end > from && (b[end - 1] == ' ' || b[end - 1] == '\t')) {
      end--;
    }
    return from >= end ? null : WireText.decode(b, from, Math.min(end - from, MAX_HELO));
  }

  /**
   * The SASL mechanism name of an AUTH command, and nothing after it: an initial response (AUTH
   * PLAIN's credentials) is never read. Names are upper-case letters, digits, '-' and '_'; any
   * other byte ends the name.
   */
  static String mechanism(byte[] b, int from, int end) {
    int i = from;
    StringBuilder sb = new StringBuilder(MAX_MECHANISM);
    while (i < end && sb.length() < MAX_MECHANISM) {
      int c = b[i];
      if (c >= 'a' && c <= 'z') {
        c -= 32;
      }
      if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
        break;
      }
      sb.append((char) c);
      i++;
    }
    return sb.length() == 0 ? null : sb.toString().toUpperCase(Locale.ROOT);
  }
}
