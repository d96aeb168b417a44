package io.peerscope.agent.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.metrics.Counters;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Malformed, truncated and random messages: the parser returns a reason, counts it, never throws. */
class DnsHostileInputTest {
  private final Counters counters = new Counters();
  private final DnsParser parser = new DnsParser(counters, DnsLimits.DEFAULTS);
  private final DnsAnswers answers = new DnsAnswers();

  private static final byte[] HEADER_ONE_QUESTION = {
    0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 // id 1, QD=1
  };

  /** The question name is a pointer to its own offset (12): the classic loop. */
  static final byte[] MALFORMED_SELF_POINTER =
      concat(HEADER_ONE_QUESTION, new byte[] {(byte) 0xc0, 0x0c, 0x00, 0x01, 0x00, 0x01});

  /** Label "a" followed by a pointer back to that label: backwards, yet an endless name. */
  static final byte[] MALFORMED_LOOP_THROUGH_LABEL =
      concat(HEADER_ONE_QUESTION, new byte[] {1, 'a', (byte) 0xc0, 0x0c, 0x00, 0x01, 0x00, 0x01});

  /** A pointer to offset 20, after itself. */
  static final byte[] MALFORMED_POINTER_FORWARD =
      concat(HEADER_ONE_QUESTION, new byte[] {(byte) 0xc0, 20, 0x00, 0x01, 0x00, 0x01, 1, 'a', 0});

  /** Length octet 64 (top bits 01): over the 63 allowed for a label. */
  static final byte[] MALFORMED_LABEL_64 =
      concat(HEADER_ONE_QUESTION, concat(new byte[] {64}, new byte[64 + 5]));

  /** QD=65535 in a 17-byte message. */
  static final byte[] MALFORMED_COUNTS = {
    0x00, 0x01, 0x00, 0x00, (byte) 0xff, (byte) 0xff, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0, 0x00, 0x01, 0x00, 0x01
  };

  @Test
  void selfPointerIsRejectedAsForward() {
    assertThat(parser.parse(MALFORMED_SELF_POINTER, 0, MALFORMED_SELF_POINTER.length))
        .isEqualTo(DnsParseError.POINTER_FORWARD);
    assertThat(counters.get("dns.parse_errors.pointer_forward")).isEqualTo(1);
  }

  @Test
  void loopThroughALabelStopsAtTheChainBound() {
    assertThat(parser.parse(MALFORMED_LOOP_THROUGH_LABEL, 0, MALFORMED_LOOP_THROUGH_LABEL.length))
        .isEqualTo(DnsParseError.POINTER_CHAIN);
    assertThat(counters.get("dns.parse_errors.pointer_chain")).isEqualTo(1);
  }

  @Test
  void forwardPointerIsRejected() {
    assertThat(parser.parse(MALFORMED_POINTER_FORWARD, 0, MALFORMED_POINTER_FORWARD.length))
        .isEqualTo(DnsParseError.POINTER_FORWARD);
  }

  @Test
  void labelOver63IsRejected() {
    assertThat(parser.parse(MALFORMED_LABEL_64, 0, MALFORMED_LABEL_64.length))
        .isEqualTo(DnsParseError.LABEL_TOO_LONG);
    assertThat(counters.get("dns.parse_errors.label_too_long")).isEqualTo(1);
  }

  @Test
  void nameOver255IsRejected() {
    byte[] name = new byte[5 * 64 + 1]; // five labels of 63: 320 octets
    for (int i = 0; i < 5; i++) {
      name[i * 64] = 63;
      Arrays.fill(name, i * 64 + 1, i * 64 + 64, (byte) 'x');
    }
    byte[] msg = concat(HEADER_ONE_QUESTION, concat(name, new byte[] {0, 1, 0, 1}));
    assertThat(parser.parse(msg, 0, msg.length)).isEqualTo(DnsParseError.NAME_TOO_LONG);
    assertThat(counters.get("dns.parse_errors.name_too_long")).isEqualTo(1);
  }

  @Test
  void aChainOf16PointersIsAcceptedAnd17IsNot() {
    assertThat(parser.parse(chain(16), 0, chain(16).length)).isEqualTo(DnsParseError.NONE);
    assertThat(parser.questionName()).isEqualTo("a");
    assertThat(parser.parse(chain(17), 0, chain(17).length)).isEqualTo(DnsParseError.POINTER_CHAIN);
  }

  /**
   * Questions that each point at the previous question's name: question 1 is "a" at offset 12,
   * question k+1 is a lone pointer to question k, so the last name is reached through a chain of
   * {@code pointers} hops, every one pointing backwards.
   */
  private static byte[] chain(int pointers) {
    byte[] msg = new byte[12 + 7 + pointers * 6];
    msg[5] = (byte) (pointers + 1); // QD
    msg[12] = 1;
    msg[13] = 'a';
    msg[14] = 0;
    msg[16] = 1; // type A
    msg[18] = 1; // class IN
    int previousName = 12;
    for (int k = 0; k < pointers; k++) {
      int p = 19 + 6 * k;
      msg[p] = (byte) (0xc0 | (previousName >> 8));
      msg[p + 1] = (byte) previousName;
      msg[p + 3] = 1;
      msg[p + 5] = 1;
      previousName = p;
    }
    return msg;
  }

  @Test
  void countsFarBeyondTheMessageAreRejected() {
    assertThat(parser.parse(MALFORMED_COUNTS, 0, MALFORMED_COUNTS.length)).isEqualTo(DnsParseError.BAD_COUNTS);
    assertThat(counters.get("dns.parse_errors.bad_counts")).isEqualTo(1);
  }

  @Test
  void answerCountBeyondTheMessageKeepsWhatIsThere() {
    byte[] msg = DnsParserTest.RESPONSE_WWW_EXAMPLE_COM.clone();
    msg[6] = (byte) 0xff; // AN = 0xff01
    assertThat(parser.parse(msg, 0, msg.length)).isEqualTo(DnsParseError.NONE);
    assertThat(parser.decodeAnswers(answers)).isEqualTo(DnsParseError.TRUNCATED);
    assertThat(answers.valuesCopy()).containsExactly("93.184.216.34");
    assertThat(counters.get("dns.parse_errors.bad_counts")).isEqualTo(1);
    assertThat(counters.get("dns.parse_errors.truncated")).isEqualTo(1);
  }

  @Test
  void rdlengthBeyondTheMessageIsRejected() {
    byte[] msg = DnsParserTest.RESPONSE_WWW_EXAMPLE_COM.clone();
    msg[msg.length - 6] = 0x10; // RDLENGTH 0x1004
    parser.parse(msg, 0, msg.length);
    assertThat(parser.decodeAnswers(answers)).isEqualTo(DnsParseError.RDLENGTH_OVERFLOW);
    assertThat(answers.size()).isZero();
    assertThat(counters.get("dns.parse_errors.rdlength_overflow")).isEqualTo(1);
  }

  @Test
  void everyPrefixOfAValidResponseIsHandled() {
    byte[] msg = DnsParserTest.RESPONSE_WWW_EXAMPLE_COM;
    for (int len = 0; len < msg.length; len++) {
      DnsParseError e = parser.parse(msg, 0, len);
      if (e == DnsParseError.NONE) {
        assertThat(parser.decodeAnswers(answers)).as("prefix %d", len).isNotEqualTo(DnsParseError.NONE);
      }
    }
    // 49 bytes: header 12, question to 33, answer owner pointer to 35, record header to 45, RDATA.
    // Prefixes 0-11 and 17-32 end in the header or question; 12-16 cannot hold one question
    // (counts); 33-43 cannot hold one record (counts, then truncated at 33-44); 45-48 cut RDATA.
    assertThat(counters.get("dns.parse_errors.truncated")).isEqualTo(12 + 16 + 12);
    assertThat(counters.get("dns.parse_errors.bad_counts")).isEqualTo(5 + 11);
    assertThat(counters.get("dns.parse_errors.rdlength_overflow")).isEqualTo(4);
    assertThat(parser.parse(msg, 0, msg.length)).isEqualTo(DnsParseError.NONE);
  }

  @Test
  void randomBytesNeverThrowAndAreCounted() {
    Random random = new Random(20261123L);
    byte[] buf = new byte[700];
    int accepted = 0;
    for (int i = 0; i < 20_000; i++) {
      int len = random.nextInt(buf.length);
      random.nextBytes(buf);
      if (parser.parse(buf, 0, len) == DnsParseError.NONE) {
        accepted++;
        parser.questionName();
        parser.decodeAnswers(answers);
      }
    }
    long errors = counters.snapshot().entrySet().stream()
        .filter(e -> e.getKey().startsWith("dns.parse_errors."))
        .mapToLong(java.util.Map.Entry::getValue)
        .sum();
    assertThat(errors).isGreaterThan(0);
    assertThat(accepted + errors).isGreaterThanOrEqualTo(20_000);
  }

  @Test
  void mutatedResponsesNeverThrow() throws Exception {
    byte[] valid = DnsParserTest.RESPONSE_WWW_EXAMPLE_COM;
    Random random = new Random(7L);
    int decoded = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] msg = valid.clone();
      for (int k = 1 + random.nextInt(4); k > 0; k--) {
        msg[random.nextInt(msg.length)] = (byte) random.nextInt(256);
      }
      if (parser.parse(msg, 0, msg.length) == DnsParseError.NONE) {
        parser.decodeAnswers(answers);
        for (int a = 0; a < answers.size(); a++) {
          assertThat(answers.value(a)).isNotNull();
        }
        decoded++;
      }
    }
    assertThat(decoded).isGreaterThan(0);
  }

  @Test
  void mutatedRecordsOfOtherTypesNeverThrowOutOfTheDnsjavaPath() throws Exception {
    org.xbill.DNS.Name owner = DnsTestMessages.name("example.org");
    org.xbill.DNS.Message m =
        DnsTestMessages.response(
            3,
            "example.org",
            org.xbill.DNS.Type.ANY,
            new org.xbill.DNS.SOARecord(owner, 1, 60, DnsTestMessages.name("ns.example.org"),
                DnsTestMessages.name("h.example.org"), 1, 2, 3, 4, 5),
            new org.xbill.DNS.LOCRecord(owner, 1, 60, 37.5, -122.25, 10, 1, 1000, 10),
            new org.xbill.DNS.NAPTRRecord(owner, 1, 60, 100, 10, "s", "SIP+D2U", "", DnsTestMessages.name("_sip.example.org")),
            new org.xbill.DNS.SSHFPRecord(owner, 1, 60, 1, 1, new byte[20]),
            new org.xbill.DNS.SRVRecord(owner, 1, 60, 1, 2, 5060, DnsTestMessages.name("sip.example.org")));
    byte[] valid = m.toWire();
    assertThat(parser.parse(valid, 0, valid.length)).isEqualTo(DnsParseError.NONE);
    assertThat(parser.decodeAnswers(answers)).isEqualTo(DnsParseError.NONE);
    assertThat(answers.size()).isEqualTo(5);
    Random random = new Random(11L);
    for (int i = 0; i < 5_000; i++) {
      byte[] msg = valid.clone();
      for (int k = 1 + random.nextInt(3); k > 0; k--) {
        msg[12 + random.nextInt(msg.length - 12)] = (byte) random.nextInt(256);
      }
      if (parser.parse(msg, 0, msg.length) == DnsParseError.NONE) {
        parser.decodeAnswers(answers);
        for (int a = 0; a < answers.size(); a++) {
          assertThat(answers.value(a)).isNotNull();
        }
      }
    }
    assertThat(counters.get("dns.presentation.message_rejected")).isGreaterThan(0);
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
