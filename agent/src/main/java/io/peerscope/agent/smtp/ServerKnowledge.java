package io.peerscope.agent.smtp;

import io.peerscope.agent.smtp.fingerprint.EolEntry;
import io.peerscope.agent.smtp.fingerprint.EolKnowledge;
import io.peerscope.agent.smtp.fingerprint.Fingerprinter;
import io.peerscope.agent.smtp.fingerprint.SoftwareMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fingerprint and end-of-support knowledge, as the SMTP parser and the findings use it: the
 * greeting and EHLO reply of a session in, the software and its support status out.
 */
public final class ServerKnowledge implements SoftwareIdentifier {
  private final Fingerprinter fingerprinter;
  private final EolKnowledge eol;

  public ServerKnowledge(Fingerprinter fingerprinter, EolKnowledge eol) {
    this.fingerprinter = fingerprinter;
    this.eol = eol;
  }

  /** The software, from the greeting first, the EHLO reply filling in (lines without codes). */
  public Optional<SoftwareMatch> match(String banner, List<String> ehloLines) {
    return fingerprinter.identify(banner, withCodes(ehloLines));
  }

  public Optional<EolEntry> endOfSupport(SoftwareMatch match) {
    return eol.lookup(match);
  }

  @Override
  public String identify(String banner, List<String> ehloLines) {
    return match(banner, ehloLines).map(SoftwareMatch::label).filter(s -> !s.isEmpty()).orElse(null);
  }

  /** EHLO fingerprints match reply lines as sent: {@code 250-XEXCH50}, last one {@code 250 HELP}. */
  private static List<String> withCodes(List<String> lines) {
    if (lines == null || lines.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      out.add((i == lines.size() - 1 ? "250 " : "250-") + lines.get(i));
    }
    return out;
  }
}
