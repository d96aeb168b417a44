package io.peerscope.agent.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.peerscope.agent.capture.PcapFileSource;
import io.peerscope.agent.metrics.Counters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;

/**
 * Zeek's dns-edns-ecs.pcap holds four DNSSEC responses of more than 1500 bytes, each sent as two
 * IPv4 fragments; reassembled, every one must be a whole DNS message that dnsjava parses with the
 * answers tcpdump reports for it.
 */
class ZeekFragmentedDnssecResponsesTest {
  @Test
  void fourFragmentedResponsesReassembleIntoWholeMessages() throws Exception {
    String corpus = System.getProperty("peerscope.corpus");
    Path file = corpus == null ? null : Path.of(corpus, "zeek/dns/dns-edns-ecs/dns-edns-ecs.pcap");
    if (file == null || !Files.isRegularFile(file)) {
      fail("the conformance corpus is missing: expected " + file + " (system property peerscope.corpus)");
    }
    Counters counters = new Counters();
    PacketDecoder decoder = new PacketDecoder(counters);
    Packet p = new Packet();
    List<byte[]> large = new ArrayList<>();
    try (PcapFileSource src = PcapFileSource.open(file, counters)) {
      src.run((lt, ts, buf, off, cap, wire) -> {
        if (decoder.decode(lt, ts, buf, off, cap, p) && p.payloadLength > 1472 && p.srcPort == 53
            && p.src().equals(IpAddress.parse("193.24.227.238"))) {
          large.add(Arrays.copyOfRange(p.buf, p.payloadOffset, p.payloadOffset + p.payloadLength));
        }
      });
    }
    assertThat(counters.get("decode.fragments")).isEqualTo(8);
    assertThat(counters.get("decode.fragments_reassembled")).isEqualTo(4);
    assertThat(large).hasSize(4);
    int[] ids = new int[4];
    int[] answers = new int[4];
    for (int i = 0; i < 4; i++) {
      Message m = new Message(large.get(i));
      ids[i] = m.getHeader().getID();
      answers[i] = m.getSection(Section.ANSWER).size();
    }
    // as tcpdump prints them: "54335*- 4/0/1", "41341*- 2/3/9", "5544*- 4/0/1", "35278*- 4/0/1"
    assertThat(ids).containsExactly(54335, 41341, 5544, 35278);
    assertThat(answers).containsExactly(4, 2, 4, 4);
  }
}
