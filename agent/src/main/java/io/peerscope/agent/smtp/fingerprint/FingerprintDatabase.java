package io.peerscope.agent.smtp.fingerprint;

import java.util.List;

/**
 * The fingerprints of one Recog-format file, in file order (first match wins, as in Recog).
 *
 * @param source the file name, reported in every match
 * @param matches Recog's {@code matches} attribute ({@code smtp.banner}, {@code smtp.ehlo}) or
 *     null
 * @param rejected fingerprints skipped at load (bad regex, bad param), with the reason
 */
public record FingerprintDatabase(
    String source, String matches, List<RecogFingerprint> fingerprints, List<String> rejected) {
  public FingerprintDatabase {
    fingerprints = List.copyOf(fingerprints);
    rejected = List.copyOf(rejected);
  }

  /** True when the file describes replies to EHLO rather than the greeting. */
  public boolean isEhlo() {
    if (matches != null && !matches.isBlank()) {
      return matches.toLowerCase(java.util.Locale.ROOT).contains("ehlo");
    }
    return source.toLowerCase(java.util.Locale.ROOT).contains("ehlo");
  }
}
