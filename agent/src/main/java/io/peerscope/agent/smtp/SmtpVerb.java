package io.peerscope.agent.smtp;

/**
 * What a client line asked for, as far as pairing replies goes. Command words are matched
 * case-insensitively (RFC 5321 section 2.4). Unknown words are {@link #UNKNOWN}: the server still
 * answers them, so they keep their place in the reply order. {@link #GREETING} and
 * {@link #END_OF_DATA} are the two replies no command word asks for.
 */
enum SmtpVerb {
  GREETING,
  HELO,
  EHLO,
  MAIL,
  RCPT,
  DATA,
  BDAT,
  BDAT_LAST,
  END_OF_DATA,
  RSET,
  QUIT,
  STARTTLS,
  AUTH,
  NOOP,
  VRFY,
  EXPN,
  HELP,
  UNKNOWN;

  private static final SmtpVerb[] WORDS = {
    HELO, EHLO, MAIL, RCPT, DATA, BDAT, RSET, QUIT, STARTTLS, AUTH, NOOP, VRFY, EXPN, HELP
  };

  /** The verb of the command word b[off, off+len). */
  static SmtpVerb of(byte[] b, int off, int len) {
    for (SmtpVerb v : WORDS) {
      String w = v.name();
      if (w.length() == len && equalsIgnoreCase(b, off, w)) {
        return v;
      }
    }
    return UNKNOWN;
  }

  static boolean equalsIgnoreCase(byte[] b, int off, String ascii) {
    for (int i = 0; i < ascii.length(); i++) {
      int c = b[off + i];
      if (c >= 'a' && c <= 'z') {
        c -= 32;
      }
      if (c != Character.toUpperCase(ascii.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
