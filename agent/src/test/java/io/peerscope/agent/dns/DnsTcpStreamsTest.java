package io.peerscope.agent.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.metrics.Counters;
import io.peerscope.agent.tcp.StreamListener;
import io.peerscope.agent.tcp.TcpConnection;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

class DnsTcpStreamsTest {
  private final Counters counters = new Counters();
  private final List<DnsTransaction> lines = new ArrayList<>();
  private final DnsTransactionTable table = new DnsTransactionTable(counters, DnsLimits.DEFAULTS);
  private final DnsTcpStreams streams = new DnsTcpStreams(table, DnsLimits.DEFAULTS, counters);
  private final TcpConnection connection =
      new TcpConnection(DnsTransactionTableTest.CLIENT, 41000, DnsTransactionTableTest.SERVER, 53);

  DnsTcpStreamsTest() {
    table.addListener(lines::add);
  }

  /** RFC 1035 4.2.2: each message preceded by its length as two bytes. */
  static byte[] framed(byte[]... messages) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] m : messages) {
      out.write(m.length >> 8);
      out.write(m.length & 0xff);
      out.write(m, 0, m.length);
    }
    return out.toByteArray();
  }

  @Test
  void pipelinedQueriesInOneSegmentAndResponsesSplitByteByByte() {
    StreamListener s = streams.open(connection, 0);
    byte[] both = framed(
        DnsTestMessages.query(1, "one.example", Type.A), DnsTestMessages.query(2, "two.example", Type.A));
    s.onData(true, 100, both, 0, both.length);
    assertThat(table.pending()).isEqualTo(2);
    byte[] responses = framed(
        DnsTestMessages.aResponse(2, "two.example", "192.0.2.22"),
        DnsTestMessages.aResponse(1, "one.example", "192.0.2.11"));
    for (int i = 0; i < responses.length; i++) {
      s.onData(false, 200 + i, responses, i, 1);
    }
    s.onClose(1000, StreamListener.CloseReason.FIN);
    assertThat(lines).extracting(DnsTransaction::query).containsExactly("two.example", "one.example");
    assertThat(lines).extracting(DnsTransaction::proto).containsOnly("tcp");
    assertThat(lines.get(0).answers()).containsExactly("192.0.2.22");
    assertThat(lines.get(0).client()).isEqualTo(DnsTransactionTableTest.CLIENT);
    assertThat(lines.get(0).clientPort()).isEqualTo(41000);
    assertThat(counters.get("dns.tcp.incomplete")).isZero();
  }

  @Test
  void afterAGapTheRestOfThatDirectionIsDropped() {
    StreamListener s = streams.open(connection, 0);
    byte[] q = framed(DnsTestMessages.query(3, "three.example", Type.A));
    s.onData(true, 1, q, 0, 10); // half a message
    s.onGap(true, 2, 500);
    byte[] q4 = framed(DnsTestMessages.query(4, "four.example", Type.A));
    s.onData(true, 3, q4, 0, q4.length);
    assertThat(table.pending()).isZero();
    assertThat(counters.get("dns.tcp.gaps")).isEqualTo(1);
    // the other direction is unaffected
    byte[] r = framed(DnsTestMessages.aResponse(9, "nine.example", "192.0.2.9"));
    s.onData(false, 4, r, 0, r.length);
    assertThat(lines).hasSize(1);
  }

  @Test
  void anOversizedMessageIsSkippedAndFramingStaysInStep() {
    DnsLimits small = new DnsLimits(100, 10_000_000, 10, 64);
    DnsTcpStreams smallStreams = new DnsTcpStreams(table, small, counters);
    StreamListener s = smallStreams.open(connection, 0);
    byte[] big = new byte[300];
    byte[] data = framed(big, DnsTestMessages.query(5, "five.example", Type.A));
    s.onData(true, 1, data, 0, data.length);
    assertThat(counters.get("dns.tcp.oversized")).isEqualTo(1);
    assertThat(table.pending()).isEqualTo(1);
  }

  @Test
  void aConnectionEndingInsideAMessageIsCounted() {
    StreamListener s = streams.open(connection, 0);
    byte[] q = framed(DnsTestMessages.query(6, "six.example", Type.A));
    s.onData(true, 1, q, 0, q.length - 3);
    s.onClose(2, StreamListener.CloseReason.RST);
    assertThat(counters.get("dns.tcp.incomplete")).isEqualTo(1);
    assertThat(table.pending()).isZero();
  }

  @Test
  void manyConnectionsHoldingHalfMessagesStayWithinTheBufferBudget() {
    DnsLimits limits = new DnsLimits(100, 10_000_000, 10, 65_535, 1_000_000);
    DnsTcpStreams budgeted = new DnsTcpStreams(table, limits, counters);
    byte[] start = {(byte) 0xff, (byte) 0xf0, 1, 2, 3}; // a 65520-byte message, 3 bytes of it sent
    List<StreamListener> open = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      StreamListener s = budgeted.open(new TcpConnection(DnsTransactionTableTest.CLIENT, 1000 + i, DnsTransactionTableTest.SERVER, 53), 0);
      s.onData(true, i, start, 0, start.length);
      open.add(s);
      assertThat(budgeted.bufferedBytes()).isLessThanOrEqualTo(1_000_000);
    }
    assertThat(budgeted.bufferedBytes()).isEqualTo(15 * 65_520L);
    assertThat(counters.get("dns.tcp.over_budget")).isEqualTo(85);
    for (StreamListener s : open) {
      s.onClose(200, StreamListener.CloseReason.RST);
    }
    assertThat(budgeted.bufferedBytes()).isZero();
    assertThat(counters.get("dns.tcp.incomplete")).isEqualTo(15);
  }

  @Test
  void aSplitMessageReturnsItsBufferWhenComplete() {
    StreamListener s = streams.open(connection, 0);
    byte[] q = framed(DnsTestMessages.query(8, "eight.example", Type.A));
    s.onData(true, 1, q, 0, 9);
    assertThat(streams.bufferedBytes()).isEqualTo(q.length - 2);
    s.onData(true, 2, q, 9, q.length - 9);
    assertThat(streams.bufferedBytes()).isZero();
    assertThat(table.pending()).isEqualTo(1);
  }

  @Test
  void anyCuttingOfAStreamIntoSegmentsYieldsTheSameMessages() {
    byte[][] queries = new byte[20][];
    for (int i = 0; i < queries.length; i++) {
      queries[i] = DnsTestMessages.query(100 + i, "m" + i + ".example", Type.A);
    }
    byte[] stream = framed(queries);
    java.util.Random random = new java.util.Random(5L);
    for (int round = 0; round < 200; round++) {
      Counters c = new Counters();
      DnsTransactionTable t = new DnsTransactionTable(c, DnsLimits.DEFAULTS);
      DnsTcpStreams s = new DnsTcpStreams(t, DnsLimits.DEFAULTS, c);
      StreamListener l = s.open(connection, 0);
      int p = 0;
      while (p < stream.length) {
        int n = Math.min(stream.length - p, 1 + random.nextInt(round % 2 == 0 ? 4 : 120));
        l.onData(true, p, stream, p, n);
        p += n;
      }
      assertThat(t.pending()).as("round %d", round).isEqualTo(queries.length);
      assertThat(s.bufferedBytes()).isZero();
      assertThat(c.get("dns.queries")).isEqualTo(queries.length);
    }
  }
}
