package io.peerscope.agent.smtp;

import java.util.List;

/** Names the server software from its greeting and EHLO reply, for smtp.jsonl. */
@FunctionalInterface
public interface SoftwareIdentifier {
  SoftwareIdentifier NONE = (banner, ehloLines) -> null;

  /** A short label such as {@code Microsoft IIS SMTP 6.0.3790.3959}, or null when unknown. */
  String identify(String banner, List<String> ehloLines);
}
