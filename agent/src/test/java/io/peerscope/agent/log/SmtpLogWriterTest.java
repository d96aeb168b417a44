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
}
