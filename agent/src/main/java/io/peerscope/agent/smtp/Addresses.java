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

  /**
   * The chunk size of {@code BDAT <size> [LAST]} (RFC 3030 section 2: 1*DIGIT), or -1 when the
   * argument is not that: missing, negative, too large to be real (over 18 digits) or followed
   * by something other than LAST.
   */
  static long bdatSize(byte[] b, int arg, int n) {
    int i = arg;
    long size = 0;
    while (i < n && b[i] >= '0' && b[i] <= '9' && i - arg <= 18) {
      size = size * 10 + (b[i] - '0');
      i++;
    }
    int digits = i - arg;
    boolean valid = digits > 0 && digits <= 18 && (i == n || (i + 5 == n && hasPrefix(b, i, n, " LAST")));
    return valid ? size : -1;
  }

  static boolean bdatLast(byte[] b, int arg, int n) {
    return n - arg >= 5 && hasPrefix(b, n - 5, n, " LAST");
  }

  /**
   * In a SASL exchange (RFC 4954 section 4) every client line is a base64 response, which has
   * neither spaces nor colons; only a line that reads as one of these commands ends it early
   * (the server's verdict was lost or never captured).
   */
  static boolean endsSaslExchange(byte[] b, int n) {
    return hasPrefix(b, 0, n, "MAIL FROM:")
        || hasPrefix(b, 0, n, "RCPT TO:")
        || hasPrefix(b, 0, n, "EHLO ")
        || hasPrefix(b, 0, n, "HELO ");
  }
}
