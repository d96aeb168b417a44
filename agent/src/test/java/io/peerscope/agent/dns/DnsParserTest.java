package io.peerscope.agent.dns;

import static io.peerscope.agent.dns.DnsTestMessages.name;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.metrics.Counters;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SPFRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import java.util.List;

class DnsParserTest {
  private final Counters counters = new Counters();
  private final DnsParser parser = new DnsParser(counters, DnsLimits.DEFAULTS);
  private final DnsAnswers answers = new DnsAnswers();

  /** A query for www.example.com A with RD set, as dig sends it (no EDNS). */
  static final byte[] QUERY_WWW_EXAMPLE_COM = {
    0x12, 0x34, // id 0x1234
    0x01, 0x00, // flags: RD
    0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // QD=1 AN=0 NS=0 AR=0
    3, 'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0, // qname
    0x00, 0x01, 0x00, 0x01 // qtype A, qclass IN
  };

  /** Its response: one A record whose owner is a pointer to the question name at offset 12. */
  static final byte[] RESPONSE_WWW_EXAMPLE_COM = {
    0x12, 0x34, // id 0x1234
    (byte) 0x81, (byte) 0x80, // flags: QR RD RA, rcode 0
    0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, // QD=1 AN=1
    3, 'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0, // qname
    0x00, 0x01, 0x00, 0x01, // A IN
    (byte) 0xc0, 0x0c, // owner: pointer to offset 12
    0x00, 0x01, 0x00, 0x01, // A IN
    0x00, 0x00, 0x0e, 0x10, // TTL 3600
    0x00, 0x04, // RDLENGTH 4
    93, (byte) 184, (byte) 216, 34 // 93.184.216.34
  };

  @Test
  void queryHeaderAndQuestionAreReadWithoutAnswers() {
    assertThat(parser.parse(QUERY_WWW_EXAMPLE_COM, 0, QUERY_WWW_EXAMPLE_COM.length)).isEqualTo(DnsParseError.NONE);
    assertThat(parser.id()).isEqualTo(0x1234);
    assertThat(parser.isResponse()).isFalse();
    assertThat(parser.rd()).isTrue();
    assertThat(parser.qtype()).isEqualTo(Type.A);
    assertThat(parser.qclass()).isEqualTo(DClass.IN);
    assertThat(parser.questionName()).isEqualTo("www.example.com");
  }

  @Test
  void responseAtAnOffsetInsideALargerBufferFollowsPointersRelativeToTheMessage() {
    byte[] frame = new byte[42 + RESPONSE_WWW_EXAMPLE_COM.length + 7];
    System.arraycopy(RESPONSE_WWW_EXAMPLE_COM, 0, frame, 42, RESPONSE_WWW_EXAMPLE_COM.length);
    assertThat(parser.parse(frame, 42, RESPONSE_WWW_EXAMPLE_COM.length)).isEqualTo(DnsParseError.NONE);
    assertThat(parser.isResponse()).isTrue();
    assertThat(parser.ra()).isTrue();
    assertThat(parser.rcode()).isZero();
    assertThat(parser.decodeAnswers(answers)).isEqualTo(DnsParseError.NONE);
    assertThat(answers.valuesCopy()).containsExactly("93.184.216.34");
    assertThat(answers.ttlsCopy()).containsExactly(3600L);
    assertThat(answers.typesCopy()).containsExactly(Type.A);
  }

  @Test
  void rendersEachTypeAsTheContractSays() throws Exception {
    Message m =
        DnsTestMessages.response(
            7,
            "example.org",
            Type.ANY,
            new CNAMERecord(name("example.org"), DClass.IN, 60, name("Alias.Example.NET")),
            DnsTestMessages.aaaa("example.org", "2001:db8::1", 61),
            new MXRecord(name("example.org"), DClass.IN, 62, 10, name("mx1.example.org")),
            new TXTRecord(name("example.org"), DClass.IN, 63, List.of("v=spf1 ", "mx -all")),
            new SPFRecord(name("example.org"), DClass.IN, 64, "v=spf1 -all"),
            new SOARecord(
                name("example.org"), DClass.IN, 65, name("ns1.example.org"), name("hostmaster.example.org"), 2024010101,
                7200, 900, 1209600, 300));
    byte[] wire = m.toWire();
    assertThat(parser.parse(wire, 0, wire.length)).isEqualTo(DnsParseError.NONE);
    assertThat(parser.decodeAnswers(answers)).isEqualTo(DnsParseError.NONE);
    assertThat(answers.valuesCopy())
        .containsExactly(
            "Alias.Example.NET", // case as on the wire
            "2001:db8::1",
            "mx1.example.org",
            "v=spf1 mx -all", // strings joined without separator
            "v=spf1 -all",
            "ns1.example.org. hostmaster.example.org. 2024010101 7200 900 1209600 300"); // dnsjava, compressed names resolved
    assertThat(answers.ttlsCopy()).containsExactly(60L, 61L, 62L, 63L, 64L, 65L);
  }

  @Test
  void otherTypesUseDnsjavaPresentation() throws Exception {
    byte[] key = new byte[] {3, 1, 0, 1, (byte) 0xab, (byte) 0xcd};
    Message m =
        DnsTestMessages.response(
            9, "example.org", Type.DNSKEY, new DNSKEYRecord(name("example.org"), DClass.IN, 3600, 257, 3, 8, key));
    byte[] wire = m.toWire();
    parser.parse(wire, 0, wire.length);
    parser.decodeAnswers(answers);
    assertThat(answers.valuesCopy()).containsExactly("257 3 8 AwEAAavN");
    assertThat(answers.typesCopy()).containsExactly(Type.DNSKEY);
  }

  @Test
  void labelBytesThatAreNotPlainTextAreEscapedNeverDropped() {
    byte[] msg = {
      0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // header, QD=1
      3, 'a', '.', 'b', // a label containing a dot
      2, '\\', ' ', // backslash and space
      2, (byte) 0xc3, (byte) 0xa9, // valid UTF-8: e acute
      2, (byte) 0xff, 0x07, // not UTF-8, and a control byte
      0, // root
      0x00, 0x01, 0x00, 0x01
    };
    assertThat(parser.parse(msg, 0, msg.length)).isEqualTo(DnsParseError.NONE);
    assertThat(parser.questionName()).isEqualTo("a\\.b.\\\\\\032.\u00e9.\\255\\007");
  }

  @Test
  void rootQuestionIsTheEmptyName() {
    byte[] msg = {
      0x00, 0x02, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // header, QD=1
      0, // root
      0x00, 0x02, 0x00, 0x01 // NS IN
    };
    assertThat(parser.parse(msg, 0, msg.length)).isEqualTo(DnsParseError.NONE);
    assertThat(parser.questionName()).isEmpty();
    assertThat(parser.qtype()).isEqualTo(Type.NS);
  }

  @Test
  void messageWithoutQuestionHasNoName() {
    byte[] msg = {0x00, 0x03, (byte) 0x80, 0x00, 0, 0, 0, 0, 0, 0, 0, 0};
    assertThat(parser.parse(msg, 0, msg.length)).isEqualTo(DnsParseError.NONE);
    assertThat(parser.hasQuestion()).isFalse();
    assertThat(parser.questionName()).isNull();
    assertThat(parser.qtype()).isEqualTo(-1);
    assertThat(parser.decodeAnswers(answers)).isEqualTo(DnsParseError.NONE);
    assertThat(answers.size()).isZero();
  }

  @Test
  void anARecordOfTheWrongLengthFallsBackToTheGenericFormAndIsCounted() {
    byte[] msg = RESPONSE_WWW_EXAMPLE_COM.clone();
    msg[msg.length - 5] = 3; // RDLENGTH 3 instead of 4: the last byte is now beyond the record
    int len = msg.length - 1;
    assertThat(parser.parse(msg, 0, len)).isEqualTo(DnsParseError.NONE);
    assertThat(parser.decodeAnswers(answers)).isEqualTo(DnsParseError.NONE);
    assertThat(answers.valuesCopy()).containsExactly("\\# 3 5db8d8");
    assertThat(counters.get("dns.parse_errors.bad_rdata")).isEqualTo(1);
  }

  @Test
  void answersBeyondTheConfiguredCapAreNotRendered() throws Exception {
    DnsParser capped = new DnsParser(counters, new DnsLimits(10, 1_000_000, 2, 65535));
    Message m = DnsTestMessages.response(1, "x.example", Type.AAAA);
    for (int i = 1; i <= 5; i++) {
      m.addRecord(DnsTestMessages.aaaa("x.example", "2001:db8::" + i, 5), org.xbill.DNS.Section.ANSWER);
    }
    byte[] wire = m.toWire();
    capped.parse(wire, 0, wire.length);
    capped.decodeAnswers(answers);
    assertThat(answers.valuesCopy()).containsExactly("2001:db8::1", "2001:db8::2");
    assertThat(counters.get("dns.answers_capped")).isEqualTo(1);
    assertThat(InetAddress.getByName(answers.value(1)).getHostAddress()).isEqualTo("2001:db8:0:0:0:0:0:2");
  }
}
