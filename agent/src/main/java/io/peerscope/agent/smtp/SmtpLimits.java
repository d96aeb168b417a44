package io.peerscope.agent.smtp;

/**
 * Bounds of one SMTP session, whatever the peers send.
 *
 * @param maxLineBytes a command, reply or header line is kept up to this many bytes; the rest of
 *     the line is skipped and counted (RFC 5321 section 4.5.3.1.4 allows 512 for commands and
 *     998 for message lines; 4 KiB leaves room for real-world excess)
 * @param maxTransactions mail transactions logged per session; later ones are counted only
 * @param maxRecipients recipients kept per transaction
 * @param maxHeaderBytes bytes of a message's header block that are read; the rest is skipped
 * @param maxPendingCommands commands waiting for their reply (pipelining, RFC 2920)
 * @param maxEhloLines lines of the EHLO reply kept as the capability list
 */
public record SmtpLimits(
    int maxLineBytes,
    int maxTransactions,
    int maxRecipients,
    int maxHeaderBytes,
    int maxPendingCommands,
    int maxEhloLines) {

  public static final SmtpLimits DEFAULTS = new SmtpLimits(4096, 100, 100, 64 << 10, 128, 64);

  public SmtpLimits {
    if (maxLineBytes < 64
        || maxTransactions < 1
        || maxRecipients < 1
        || maxHeaderBytes < 1
        || maxPendingCommands < 1
        || maxEhloLines < 1) {
      throw new IllegalArgumentException("SMTP limits out of range: " + this);
    }
  }
}
