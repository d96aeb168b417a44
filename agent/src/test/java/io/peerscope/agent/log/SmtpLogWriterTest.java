package io.peerscope.agent.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.decode.IpAddress;
import io.peerscope.agent.metrics.Counters;
import io.peerscope.agent.smtp.SmtpTransaction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmtpLogWriterTest {
  @TempDir Path dir;

  @Test
  void writesTheContractFieldsInOrderWithNullsAndMicrosecondTimestamps() throws Exception {
    Counters counters = new Counters();
    try (SmtpLogWriter w = SmtpLogWriter.open(dir, false, counters)) {
      w.onTransaction(new SmtpTransaction(1_462_169_520_000_001L, IpAddress.parse("10.0.0.1"), 40_001,
          IpAddress.parse("2001:db8::25"), 25, 1, "mx \"ESMTP\"", "caf\u00e9\\xff", null, List.of("b@y", "c@y"),
          "250 ok", false, "LOGIN", null, List.of("from a by b"), null));
    }
    String text = Files.readString(dir.resolve("smtp.jsonl"), StandardCharsets.UTF_8);
    assertThat(text).isEqualTo(
        "{\"ts\":1462169520.000001,\"client\":\"10.0.0.1\",\"client_port\":40001,\"server\":\"2001:db8::25\","
            + "\"server_port\":25,\"trans_depth\":1,\"banner\":\"mx \\\"ESMTP\\\"\",\"helo\":\"caf\u00e9\\\\xff\","
            + "\"mail_from\":null,\"rcpt_to\":[\"b@y\",\"c@y\"],\"last_reply\":\"250 ok\",\"tls\":false,"
            + "\"auth_mechanism\":\"LOGIN\",\"user_agent\":null,\"server_software\":null,\"received\":[\"from a by b\"]}\n");
    assertThat(counters.get("log.smtp.lines")).isEqualTo(1);
  }

  private static SmtpTransaction withBanner(String banner) {
    return new SmtpTransaction(1_462_169_520_000_000L, IpAddress.parse("10.0.0.1"), 40_002,
        IpAddress.parse("10.0.0.25"), 25, 0, banner, null, null, List.of(), null, true, null, null, List.of(), null);
  }

  @Test
  void hostileBannerIsEscapedLikeTheDnsLog() throws Exception {
    Counters counters = new Counters();
    // a control character, a JavaScript line end and an unpaired surrogate from a hostile server
    try (SmtpLogWriter w = SmtpLogWriter.open(dir, false, counters)) {
      w.onTransaction(withBanner("mx\u0001\u2028\ud800 ok"));
    }
    String text = Files.readString(dir.resolve("smtp.jsonl"), StandardCharsets.UTF_8);
    assertThat(text).contains("\"banner\":\"mx\\u0001\\u2028\\ud800 ok\"")
        .contains("\"ts\":1462169520.000000,").endsWith("\"received\":[]}\n");
    assertThat(text.lines()).hasSize(1);
  }

  @Test
  void liveRestartAppendsAndReplayStartsAfresh() throws Exception {
    Counters counters = new Counters();
    try (SmtpLogWriter w = SmtpLogWriter.open(dir, true, counters)) {
      w.onTransaction(withBanner("first"));
    }
    try (SmtpLogWriter w = SmtpLogWriter.open(dir, true, counters)) {
      w.onTransaction(withBanner("second"));
    }
    assertThat(Files.readAllLines(dir.resolve("smtp.jsonl"))).hasSize(2);
    try (SmtpLogWriter w = SmtpLogWriter.open(dir, false, counters)) {
      w.onTransaction(withBanner("replayed"));
    }
    assertThat(Files.readAllLines(dir.resolve("smtp.jsonl"))).singleElement().asString().contains("replayed");
    assertThat(counters.get("log.smtp.lines")).isEqualTo(3);
  }

  @Test
  void writeAfterCloseIsCountedNotThrown() throws Exception {
    Counters counters = new Counters();
    SmtpLogWriter w = SmtpLogWriter.open(dir, false, counters);
    w.close();
    w.onTransaction(withBanner("late"));
    assertThat(counters.get("log.smtp.write_errors")).isEqualTo(1);
    assertThat(Files.readString(dir.resolve("smtp.jsonl"))).isEmpty();
  }
}
