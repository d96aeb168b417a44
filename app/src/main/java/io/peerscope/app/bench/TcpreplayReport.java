package io.peerscope.app.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What tcpreplay (4.x) says at the end of a replay, read from its summary:
 *
 * <pre>
 * Actual: 200000 packets (22784000 bytes) sent in 1.00 seconds
 * ...
 * Statistics for network device: psqb-tx
 *         Successful packets:        200000
 *         Failed packets:            0
 * </pre>
 *
 * @param sent packets the device accepted
 * @param failed packets the device refused (never reached the wire)
 * @param seconds time from the first packet sent to the last
 */
record TcpreplayReport(long sent, long failed, double seconds) {
  private static final Pattern SENT = Pattern.compile("Successful packets:\\s+(\\d+)");
  private static final Pattern FAILED = Pattern.compile("Failed packets:\\s+(\\d+)");
  private static final Pattern SECONDS = Pattern.compile("sent in ([0-9]+(?:\\.[0-9]+)?) seconds");

  static TcpreplayReport parse(String output) {
    return new TcpreplayReport(
        Long.parseLong(find(SENT, output, "successful packets")),
        Long.parseLong(find(FAILED, output, "failed packets")),
        Double.parseDouble(find(SECONDS, output, "time")));
  }

  private static String find(Pattern p, String text, String what) {
    Matcher m = p.matcher(text);
    if (!m.find()) {
      throw new IllegalStateException("tcpreplay did not report its " + what + ": " + text.strip());
    }
    return m.group(1);
  }
}
