/**
 * Mail server identification and end-of-life knowledge, both kept in files an operator edits
 * without a build.
 *
 * <p>{@link io.peerscope.agent.smtp.fingerprint.Fingerprinter} reads fingerprints in Recog's XML
 * format: the project's own {@code config/fingerprints/smtp_banners.xml} and {@code
 * smtp_ehlo.xml}, after any extra files the operator lists (Recog's own files work as they are).
 * {@link io.peerscope.agent.smtp.fingerprint.EolKnowledge} reads {@code config/eol.yaml} and says
 * whether a {@link io.peerscope.agent.smtp.fingerprint.SoftwareMatch} is a generation whose
 * support has ended, since when, and where that is documented.
 */
package io.peerscope.agent.smtp.fingerprint;
