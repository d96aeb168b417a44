package io.peerscope.agent.synth;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.decode.IpAddress;
import io.peerscope.agent.decode.Packet;
import io.peerscope.agent.synth.TcpConversation.Segment;
import java.util.List;
import org.junit.jupiter.api.Test;

class TcpConversationTest {
  private static final IpAddress CLIENT = IpAddress.parse("10.0.0.1");
  private static final IpAddress SERVER = IpAddress.parse("10.0.0.25");

  @Test
  void smtpLikeExchangeHasConsistentSequenceNumbers() {
    TcpConversation c =
        new TcpConversation(CLIENT, 40001, SERVER, 25, 1_000_000L)
            .initialSequences(0xfffffffeL, 100)
            .segmentSize(4)
            .open()
            .serverSends("220 hi\r\n".getBytes())
            .clientSends("QUIT\r\n".getBytes())
            .close();
    List<Segment> s = c.segments();
    // SYN, SYN/ACK, ACK, 2 data + ACK, 2 data + ACK, FIN, FIN/ACK, ACK
    assertThat(s).hasSize(3 + 3 + 3 + 3);
    assertThat(s.get(0).flags()).isEqualTo(Packet.SYN);
    assertThat(s.get(1).flags()).isEqualTo(Packet.SYN | Packet.ACK);
    assertThat(s.get(1).ack()).as("SYN consumes one number").isEqualTo(0xffffffffL);
    Segment banner1 = s.get(3);
    Segment banner2 = s.get(4);
    assertThat(banner1.fromClient()).isFalse();
    assertThat(banner1.seq()).isEqualTo(101);
    assertThat(banner2.seq()).isEqualTo(105);
    assertThat(banner2.flags() & Packet.PSH).isNotZero();
    assertThat(s.get(5).ack()).as("client acknowledges the banner").isEqualTo(109);
    Segment quit1 = s.get(6);
    Segment quit2 = s.get(7);
    assertThat(quit1.seq()).isEqualTo(0xffffffffL);
    assertThat(quit2.seq()).as("wraps around 2^32").isEqualTo(3);
    assertThat(s.get(9).flags()).isEqualTo(Packet.FIN | Packet.ACK);
    assertThat(s.get(9).seq()).isEqualTo(5);
    assertThat(s).extracting(Segment::tsMicros).isSorted();
  }

  @Test
  void sliceMovesTheSequenceNumber() {
    Segment data =
        new TcpConversation(CLIENT, 1, SERVER, 2, 0).open().clientSends("abcdef".getBytes()).segments().get(3);
    Segment tail = data.slice(2, 6);
    assertThat(tail.seq()).isEqualTo(data.seq() + 2);
    assertThat(new String(tail.payload())).isEqualTo("cdef");
    assertThat(tail.frame()).hasSize(14 + 20 + 20 + 4);
  }
}
