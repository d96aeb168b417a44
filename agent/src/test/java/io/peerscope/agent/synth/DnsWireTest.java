package io.peerscope.agent.synth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class DnsWireTest {
  @Test
  void queryAndResponseParseBack() throws Exception {
    Message q = new Message(DnsWire.query(4242, "www.example.com", Type.A));
    assertThat(q.getHeader().getID()).isEqualTo(4242);
    assertThat(q.getHeader().getFlag(Flags.RD)).isTrue();
    assertThat(q.getQuestion().getName().toString()).isEqualTo("www.example.com.");

    byte[] wire =
        DnsWire.response(
            4242, "www.example.com", Type.A, Rcode.NOERROR,
            DnsWire.cname("www.example.com", 300, "web.example.com"),
            DnsWire.a("web.example.com", 60, "192.0.2.7"));
    Message r = new Message(wire);
    assertThat(r.getHeader().getFlag(Flags.QR)).isTrue();
    assertThat(r.getSection(Section.ANSWER)).hasSize(2);
    assertThat(r.getSection(Section.ANSWER).get(1).rdataToString()).isEqualTo("192.0.2.7");
  }

  @Test
  void tcpFramingPrefixesEachMessageWithItsLength() {
    byte[] a = {1, 2, 3};
    byte[] b = new byte[300];
    byte[] framed = DnsWire.tcpFramed(a, b);
    assertThat(framed).hasSize(2 + 3 + 2 + 300);
    assertThat(framed[1]).isEqualTo((byte) 3);
    assertThat(((framed[5] & 0xff) << 8) | (framed[6] & 0xff)).isEqualTo(300);
  }
}
