package io.peerscope.agent.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonLineTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void hostileStringsAreEscapedAndReadBackUnchanged() throws Exception {
    String hostile = "quote\" back\\slash \n\r\t\b\f \u0000\u001f\u007f <script> \u2028\u2029 \u00e9 \uD83D\uDE00";
    String text = new JsonLine().begin().string("k", hostile).end().text().toString();
    assertThat(text).doesNotContain("\n").doesNotContain("\u2028").doesNotContain("\u0000");
    assertThat(text).contains("\\u2028").contains("\\u0000").contains("\\n");
    assertThat(JSON.readTree(text).get("k").asText()).isEqualTo(hostile);
  }

  @Test
  void unpairedSurrogatesAreEscapedSoTheLineStaysValidUtf8() throws Exception {
    String lone = "a\uD800b\uDC00c";
    String text = new JsonLine().begin().string("k", lone).end().text().toString();
    assertThat(text).isEqualTo("{\"k\":\"a\\ud800b\\udc00c\"}");
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    assertThat(new String(utf8, StandardCharsets.UTF_8)).isEqualTo(text);
  }

  @Test
  void secondsHaveExactlySixDecimals() {
    assertThat(new JsonLine().begin().seconds("ts", 1_464_852_720_000_123L).end().text().toString())
        .isEqualTo("{\"ts\":1464852720.000123}");
    assertThat(new JsonLine().begin().seconds("rtt", 75_138L).seconds("none", (Long) null).end().text().toString())
        .isEqualTo("{\"rtt\":0.075138,\"none\":null}");
    assertThat(new JsonLine().begin().seconds("neg", -1_500_000L).end().text().toString())
        .isEqualTo("{\"neg\":-1.500000}");
  }

  @Test
  void arraysNullsAndBooleans() {
    String text =
        new JsonLine()
            .begin()
            .strings("a", Arrays.asList("x", null, "y\"z"))
            .numbers("n", List.of(1L, 2L))
            .number("i", (Integer) null)
            .string("s", null)
            .bool("b", true)
            .end()
            .text()
            .toString();
    assertThat(text).isEqualTo("{\"a\":[\"x\",null,\"y\\\"z\"],\"n\":[1,2],\"i\":null,\"s\":null,\"b\":true}");
  }

  @Test
  void randomStringsAlwaysMakeParseableJsonThatRoundTrips() throws Exception {
    Random random = new Random(99L);
    JsonLine line = new JsonLine();
    for (int i = 0; i < 2_000; i++) {
      char[] chars = new char[random.nextInt(40)];
      for (int k = 0; k < chars.length; k++) {
        chars[k] = (char) random.nextInt(0x10000);
      }
      String s = new String(chars);
      JsonNode node = JSON.readTree(line.begin().string("v", s).end().text().toString());
      assertThat(node.get("v").asText()).isEqualTo(s);
    }
  }
}
