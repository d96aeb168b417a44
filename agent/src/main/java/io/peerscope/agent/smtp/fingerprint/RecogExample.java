package io.peerscope.agent.smtp.fingerprint;

import java.util.Map;

/**
 * One {@code <example>} of a Recog fingerprint: a real banner and the values expected from it.
 * Recog's own test convention: every attribute of the example must equal what the fingerprint
 * produces. Base64 examples ({@code _encoding="base64"}) are decoded at load.
 */
public record RecogExample(String text, Map<String, String> expected) {
  public RecogExample {
    expected = Map.copyOf(expected);
  }
}
