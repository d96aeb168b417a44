package io.peerscope.agent.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.decode.IpAddress;
import io.peerscope.agent.decode.Packet;
import io.peerscope.agent.metrics.Counters;
import io.peerscope.agent.tcp.StreamListener.CloseReason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TcpReassemblerTest {
  private static final IpAddress CLIENT = IpAddress.parse("192.0.2.10");
  private static final IpAddress SERVER = IpAddress.parse("198.51.100.25");
  private static final int CPORT = 40_000;
  private static final int SMTP = 25;
  private static final long C_ISN = 1_000;
  private static final long S_ISN = 5_000;

  private final Counters counters = new Counters();
  private final List<RecordingStreamListener> opened = new ArrayList<>();
  private TcpReassembler reassembler = create(TcpLimits.DEFAULTS);
  private long now = 1_700_000_000_000_000L;

  private TcpReassembler create(TcpLimits limits) {
    TcpReassembler r = new TcpReassembler(limits, counters);
    r.register(
        SMTP,
        (conn, ts) -> {
          RecordingStreamListener l = new RecordingStreamListener(conn);
          opened.add(l);
          return l;
        });
    return r;
  }

  /** One segment from the client (toServer) or the server, seq relative to the sender's ISN. */
  private void seg(boolean toServer, int flags, long relSeq, long relAck, String data) {
    seg(toServer, CPORT, flags, relSeq, relAck, data.getBytes(StandardCharsets.ISO_8859_1));
  }

  private void seg(boolean toServer, int cport, int flags, long relSeq, long relAck, byte[] data) {
    Packet p = new Packet();
    p.protocol = Packet.TCP;
    p.tsMicros = now += 1_000;
    IpAddress src = toServer ? CLIENT : SERVER;
    IpAddress dst = toServer ? SERVER : CLIENT;
    p.srcHi = src.hi();
    p.srcLo = src.lo();
    p.dstHi = dst.hi();
    p.dstLo = dst.lo();
    p.srcPort = toServer ? cport : SMTP;
    p.dstPort = toServer ? SMTP : cport;
    p.tcpFlags = flags;
    p.tcpSeq = ((toServer ? C_ISN : S_ISN) + relSeq) & 0xffff_ffffL;
    p.tcpAck = ((toServer ? S_ISN : C_ISN) + relAck) & 0xffff_ffffL;
    // the payload sits inside a larger frame, as it does in a real capture
    byte[] frame = new byte[54 + data.length + 4];
    System.arraycopy(data, 0, frame, 54, data.length);
    p.buf = frame;
    p.payloadOffset = 54;
    p.payloadLength = data.length;
    reassembler.onSegment(p);
  }

  private void handshake() {
    seg(true, Packet.SYN, 0, 0, "");
    seg(false, Packet.SYN | Packet.ACK, 0, 1, "");
    seg(true, Packet.ACK, 1, 1, "");
  }

  private RecordingStreamListener only() {
    assertThat(opened).hasSize(1);
    return opened.get(0);
  }

  @Test
  void inOrderConversationIsDeliveredAndClosedByBothFins() {
    handshake();
    seg(false, Packet.ACK | Packet.PSH, 1, 1, "220 mx ESMTP\r\n");
    seg(true, Packet.ACK | Packet.PSH, 1, 15, "EHLO a\r\n");
    seg(false, Packet.ACK | Packet.PSH, 15, 9, "250 mx\r\n");
    seg(true, Packet.ACK | Packet.FIN, 9, 23, "");
    assertThat(only().closes).isZero();
    seg(false, Packet.ACK | Packet.FIN, 23, 10, "");

    RecordingStreamListener l = only();
    assertThat(l.connection).isEqualTo(new TcpConnection(CLIENT, CPORT, SERVER, SMTP));
    assertThat(l.server()).isEqualTo("220 mx ESMTP\r\n250 mx\r\n");
    assertThat(l.client()).isEqualTo("EHLO a\r\n");
    assertThat(l.closeReason).isEqualTo(CloseReason.FIN);
    assertThat(l.closes).isEqualTo(1);
    assertThat(reassembler.connections()).isZero();
    assertThat(counters.get("tcp.gaps")).isZero();
  }

  @Test
  void outOfOrderSegmentsAreReordered() {
    handshake();
    seg(true, Packet.ACK, 11, 1, "KLMNOPQRST");
    seg(true, Packet.ACK, 21, 1, "UVWXYZ");
    assertThat(only().client()).isEmpty();
    assertThat(reassembler.bufferedBytes()).isEqualTo(16);
    seg(true, Packet.ACK, 1, 1, "ABCDEFGHIJ");
    assertThat(only().client()).isEqualTo("ABCDEFGHIJKLMNOPQRSTUVWXYZ");
    assertThat(reassembler.bufferedBytes()).isZero();
    assertThat(counters.get("tcp.out_of_order")).isEqualTo(2);
  }

  @Test
  void retransmissionIsDeliveredOnceAndCounted() {
    handshake();
    seg(true, Packet.ACK, 1, 1, "HELO a\r\n");
    seg(true, Packet.ACK, 1, 1, "HELO a\r\n");
    seg(true, Packet.ACK, 9, 1, "QUIT\r\n");
    assertThat(only().client()).isEqualTo("HELO a\r\nQUIT\r\n");
    assertThat(counters.get("tcp.retransmissions")).isEqualTo(1);
  }

  @Test
  void partialOverlapWithDeliveredBytesDeliversOnlyTheNewTail() {
    handshake();
    seg(true, Packet.ACK, 1, 1, "ABCDEF");
    seg(true, Packet.ACK, 4, 1, "DEFGHI");
    assertThat(only().client()).isEqualTo("ABCDEFGHI");
    assertThat(counters.get("tcp.overlaps")).isEqualTo(1);
  }

  @Test
  void overlapConflictKeepsTheFirstBytesAndIsCounted() {
    handshake();
    seg(true, Packet.ACK, 5, 1, "EFGH");
    // a second copy of 5..9 plus more, with different bytes where it overlaps: first data wins
    seg(true, Packet.ACK, 3, 1, "CDxxxxIJ");
    seg(true, Packet.ACK, 1, 1, "AB");
    assertThat(only().client()).isEqualTo("ABCDEFGHIJ");
    assertThat(counters.get("tcp.overlap_conflicts")).isEqualTo(1);
  }

  @Test
  void inOrderSegmentOverlappingQueuedBytesKeepsTheQueuedOnesAndCountsTheConflict() {
    handshake();
    seg(true, Packet.ACK, 5, 1, "EFGH");
    // in order now, but covering the queued 5..9 with other bytes: the queued copy came first
    seg(true, Packet.ACK, 1, 1, "ABCDxxxxIJ");
    assertThat(only().client()).isEqualTo("ABCDEFGHIJ");
    assertThat(counters.get("tcp.overlap_conflicts")).isEqualTo(1);
    assertThat(reassembler.bufferedBytes()).isZero();
  }

  @Test
  void inOrderSegmentReachingIntoQueuedBytesWithTheSameBytesIsNoConflict() {
    handshake();
    seg(true, Packet.ACK, 5, 1, "EFGH");
    seg(true, Packet.ACK, 11, 1, "KL");
    seg(true, Packet.ACK, 1, 1, "ABCDEF");
    assertThat(only().client()).isEqualTo("ABCDEFGH");
    seg(true, Packet.ACK, 9, 1, "IJ");
    assertThat(only().client()).isEqualTo("ABCDEFGHIJKL");
    assertThat(counters.get("tcp.overlap_conflicts")).isZero();
    assertThat(reassembler.bufferedBytes()).isZero();
  }

  @Test
  void identicalOverlapIsNotAConflict() {
    handshake();
    seg(true, Packet.ACK, 5, 1, "EFGH");
    seg(true, Packet.ACK, 3, 1, "CDEFGHIJ");
    seg(true, Packet.ACK, 1, 1, "AB");
    assertThat(only().client()).isEqualTo("ABCDEFGHIJ");
    assertThat(counters.get("tcp.overlap_conflicts")).isZero();
    assertThat(counters.get("tcp.overlaps")).isEqualTo(1);
  }

  @Test
  void segmentLostInTheCaptureBecomesAGapOnceTheReceiverAcknowledgesIt() {
    handshake();
    seg(true, Packet.ACK, 1, 1, "MAIL FROM:<a@b>\r\n"); // 17 bytes
    // RCPT TO:<c@d>\r\n (15 bytes) was never captured
    seg(true, Packet.ACK, 33, 1, "DATA\r\n");
    assertThat(only().events).doesNotContain("c:gap 15");
    seg(false, Packet.ACK, 1, 39, ""); // the server has all 38 bytes
    assertThat(only().events).containsSubsequence("c:MAIL FROM:<a@b>\r\n", "c:gap 15", "c:DATA\r\n");
    assertThat(counters.get("tcp.gaps")).isEqualTo(1);
    assertThat(counters.get("tcp.gap_bytes")).isEqualTo(15);
  }

  @Test
  void acknowledgedHoleBeforeALaterSegmentIsSkippedWithoutQueueing() {
    handshake();
    seg(true, Packet.ACK, 1, 1, "ABC");
    seg(false, Packet.ACK, 1, 7, ""); // acknowledges 3 bytes the capture never had
    seg(true, Packet.ACK, 7, 1, "GHI");
    assertThat(only().events).containsExactly("c:ABC", "c:gap 3", "c:GHI");
    assertThat(counters.get("tcp.out_of_order")).isZero();
  }

  @Test
  void heldSegmentsAreFlushedWithGapsOnReset() {
    handshake();
    seg(true, Packet.ACK, 1, 1, "AB");
    seg(true, Packet.ACK, 5, 1, "EF");
    seg(false, Packet.RST, 1, 0, "");
    assertThat(only().events).containsExactly("c:AB", "c:gap 2", "c:EF", "close RST");
  }

  @Test
  void lastSegmentLostBeforeFinIsAGapWhenTheFinIsAcknowledged() {
    handshake();
    seg(true, Packet.ACK, 1, 1, "QUIT\r\n");
    seg(false, Packet.ACK, 1, 7, "221 bye\r\n"); // 9 bytes
    seg(false, Packet.ACK | Packet.FIN, 20, 7, ""); // bytes 10..19 lost
    seg(true, Packet.ACK | Packet.FIN, 7, 21, "");
    seg(false, Packet.ACK, 21, 8, "");
    RecordingStreamListener l = only();
    assertThat(l.events).containsExactly("c:QUIT\r\n", "s:221 bye\r\n", "s:gap 10", "close FIN");
  }

  @Test
  void midstreamPickupIsOrientedByTheRegisteredPort() {
    // the first segment seen is the server's reply: it comes from port 25
    seg(false, Packet.ACK | Packet.PSH, 100, 200, "250 ok\r\n");
    seg(true, Packet.ACK | Packet.PSH, 200, 108, "QUIT\r\n");
    RecordingStreamListener l = only();
    assertThat(l.connection.client()).isEqualTo(CLIENT);
    assertThat(l.connection.serverPort()).isEqualTo(SMTP);
    assertThat(l.server()).isEqualTo("250 ok\r\n");
    assertThat(l.client()).isEqualTo("QUIT\r\n");
    assertThat(counters.get("tcp.connections_midstream")).isEqualTo(1);
  }

  @Test
  void bareAcksAndUnregisteredPortsOpenNothing() {
    seg(false, Packet.ACK, 100, 200, "");
    seg(true, Packet.ACK | Packet.FIN, 200, 100, "");
    Packet p = new Packet();
    p.protocol = Packet.TCP;
    p.srcPort = 5555;
    p.dstPort = 80;
    p.tcpFlags = Packet.SYN;
    p.buf = new byte[0];
    reassembler.onSegment(p);
    assertThat(opened).isEmpty();
    assertThat(reassembler.connections()).isZero();
  }

  @Test
  void sequenceNumbersWrapAround() {
    long isn = 0xffff_fffaL; // the stream crosses 2^32 after 5 bytes
    Packet p = new Packet();
    p.protocol = Packet.TCP;
    p.srcHi = CLIENT.hi();
    p.srcLo = CLIENT.lo();
    p.dstHi = SERVER.hi();
    p.dstLo = SERVER.lo();
    p.srcPort = CPORT;
    p.dstPort = SMTP;
    p.tcpFlags = Packet.SYN;
    p.tcpSeq = isn;
    p.buf = new byte[0];
    reassembler.onSegment(p);
    byte[] second = "WRAPPED".getBytes(StandardCharsets.US_ASCII);
    byte[] first = "BEFORE".getBytes(StandardCharsets.US_ASCII);
    p.tcpFlags = Packet.ACK;
    p.tcpSeq = (isn + 1 + first.length) & 0xffff_ffffL;
    p.buf = second;
    p.payloadLength = second.length;
    reassembler.onSegment(p);
    p.tcpSeq = isn + 1;
    p.buf = first;
    p.payloadLength = first.length;
    reassembler.onSegment(p);
    assertThat(only().client()).isEqualTo("BEFOREWRAPPED");
  }

  @Test
  void idleConnectionIsClosedOnTheCaptureClock() {
    reassembler = create(TcpLimits.DEFAULTS.withIdleTimeoutMicros(60_000_000L));
    handshake();
    seg(true, Packet.ACK, 1, 1, "EHLO a\r\n");
    reassembler.onTick(now + 59_000_000L);
    assertThat(only().closes).isZero();
    reassembler.onTick(now + 61_000_000L);
    assertThat(only().closeReason).isEqualTo(CloseReason.IDLE_TIMEOUT);
    assertThat(reassembler.connections()).isZero();
    assertThat(counters.get("tcp.connections_idle_closed")).isEqualTo(1);
  }

  @Test
  void fullTableEvictsTheLeastRecentlyActiveConnection() {
    reassembler = create(TcpLimits.DEFAULTS.withMaxConnections(2));
    byte[] hello = "HELO x\r\n".getBytes(StandardCharsets.US_ASCII);
    seg(true, 40_001, Packet.ACK, 1, 1, hello);
    seg(true, 40_002, Packet.ACK, 1, 1, hello);
    seg(true, 40_001, Packet.ACK, 9, 1, hello); // 40001 is now the more recent one
    seg(true, 40_003, Packet.ACK, 1, 1, hello);
    assertThat(opened).hasSize(3);
    assertThat(opened.get(1).connection.clientPort()).isEqualTo(40_002);
    assertThat(opened.get(1).closeReason).isEqualTo(CloseReason.EVICTED);
    assertThat(opened.get(0).closes).isZero();
    assertThat(reassembler.connections()).isEqualTo(2);
    assertThat(counters.get("tcp.connections_evicted")).isEqualTo(1);
  }

  @Test
  void depthLimitDeliversUpToTheLimitThenOneGap() {
    reassembler = create(TcpLimits.DEFAULTS.withMaxStreamDepth(10));
    handshake();
    seg(true, Packet.ACK, 1, 1, "ABCDEFGH");
    seg(true, Packet.ACK, 9, 1, "IJKLMNOP");
    seg(true, Packet.ACK, 17, 1, "QRSTUVWX");
    assertThat(only().events).containsExactly("c:ABCDEFGH", "c:IJ", "c:gap 6");
    assertThat(counters.get("tcp.depth_limit_hits")).isEqualTo(1);
    assertThat(counters.get("tcp.bytes_beyond_depth")).isEqualTo(14);
  }

  @Test
  void perFlowMemoryCapDeclaresTheHoleLostInsteadOfGrowing() {
    reassembler = create(TcpLimits.DEFAULTS.withBuffering(256, 100, 1 << 20));
    handshake();
    byte[] chunk = new byte[40];
    java.util.Arrays.fill(chunk, (byte) 'x');
    // the first 10 bytes never come; 5 chunks of 40 wait behind the hole, only 100 bytes may
    for (int i = 0; i < 5; i++) {
      seg(true, CPORT, Packet.ACK, 11 + 40L * i, 1, chunk);
      assertThat(reassembler.bufferedBytes()).isLessThanOrEqualTo(100);
    }
    assertThat(counters.get("tcp.flow_memory_cap_hits")).isPositive();
    assertThat(only().events.get(0)).isEqualTo("c:gap 10");
    assertThat(only().fromClient.size()).isEqualTo(200);
  }

  @Test
  void globalMemoryCapIsSharedByAllConnections() {
    reassembler = create(TcpLimits.DEFAULTS.withBuffering(256, 1 << 20, 64));
    byte[] chunk = new byte[40];
    for (int port = 41_000; port < 41_010; port++) {
      seg(true, port, Packet.ACK, 1, 1, chunk); // opens midstream at seq 1
      seg(true, port, Packet.ACK, 81, 1, chunk); // waits behind a hole of 40
      assertThat(reassembler.bufferedBytes()).isLessThanOrEqualTo(64);
    }
    assertThat(counters.get("tcp.global_memory_cap_hits")).isPositive();
  }

  @Test
  void queueSegmentCapDeclaresTheHoleLost() {
    reassembler = create(TcpLimits.DEFAULTS.withBuffering(3, 1 << 20, 1 << 20));
    handshake();
    for (int i = 0; i < 6; i++) {
      seg(true, Packet.ACK, 2 + 2L * i, 1, "y");
    }
    assertThat(counters.get("tcp.queue_cap_hits")).isPositive();
    assertThat(only().events).startsWith("c:gap 1", "c:y");
  }

  @Test
  void reusedClientPortStartsANewConnection() {
    handshake();
    seg(true, Packet.ACK, 1, 1, "QUIT\r\n");
    // a new SYN from the same port with a far away ISN
    seg(true, Packet.SYN, 900_000, 0, "");
    assertThat(opened).hasSize(2);
    assertThat(opened.get(0).closes).isEqualTo(1);
    assertThat(counters.get("tcp.port_reuse")).isEqualTo(1);
  }

  @Test
  void retransmittedSynIsNotANewConnection() {
    seg(true, Packet.SYN, 0, 0, "");
    seg(true, Packet.SYN, 0, 0, "");
    assertThat(opened).hasSize(1);
  }

  @Test
  void endOfCaptureFlushesEveryConnection() {
    handshake();
    seg(true, Packet.ACK, 1, 1, "AB");
    seg(true, Packet.ACK, 5, 1, "EF");
    reassembler.onEnd(now);
    assertThat(only().events).containsExactly("c:AB", "c:gap 2", "c:EF", "close END_OF_CAPTURE");
    assertThat(reassembler.bufferedBytes()).isZero();
  }

  @Test
  void throwingListenerIsCountedAndDoesNotStopThePipeline() {
    reassembler = new TcpReassembler(TcpLimits.DEFAULTS, counters);
    reassembler.register(
        SMTP,
        (conn, ts) ->
            new StreamListener() {
              @Override
              public void onData(boolean c, long t, byte[] b, int o, int l) {
                throw new IllegalStateException("parser bug");
              }

              @Override
              public void onGap(boolean c, long t, long m) {}

              @Override
              public void onClose(long t, CloseReason r) {}
            });
    handshake();
    seg(true, Packet.ACK, 1, 1, "A");
    seg(true, Packet.ACK, 2, 1, "B");
    assertThat(counters.get("tcp.listener_errors")).isEqualTo(2);
  }

  @Test
  void shuffledDuplicatedSegmentationReassemblesToTheOriginalStream() {
    Random random = new Random(20_161_123);
    byte[] stream = new byte[20_000];
    random.nextBytes(stream);
    for (int round = 0; round < 20; round++) {
      opened.clear();
      reassembler = create(TcpLimits.DEFAULTS);
      handshake();
      List<long[]> pieces = new ArrayList<>();
      for (int off = 0; off < stream.length; ) {
        int len = Math.min(stream.length - off, 1 + random.nextInt(1400));
        pieces.add(new long[] {off, len});
        if (random.nextInt(5) == 0) {
          pieces.add(new long[] {off, len}); // retransmission
        }
        if (random.nextInt(7) == 0 && off + len + 10 < stream.length) {
          pieces.add(new long[] {off + len / 2, len}); // overlapping resend, same bytes
        }
        off += len;
      }
      Collections.shuffle(pieces, random);
      for (long[] piece : pieces) {
        int off = (int) piece[0];
        int len = (int) Math.min(piece[1], stream.length - off);
        byte[] data = java.util.Arrays.copyOfRange(stream, off, off + len);
        seg(true, CPORT, Packet.ACK, 1 + off, 1, data);
      }
      seg(true, CPORT, Packet.ACK | Packet.FIN, 1 + stream.length, 1, new byte[0]);
      seg(false, CPORT, Packet.ACK | Packet.FIN, 1, 2 + stream.length, new byte[0]);
      RecordingStreamListener l = only();
      assertThat(l.fromClient.toByteArray()).isEqualTo(stream);
      assertThat(l.closeReason).isEqualTo(CloseReason.FIN);
      assertThat(reassembler.bufferedBytes()).isZero();
    }
    assertThat(counters.get("tcp.gaps")).isZero();
    assertThat(counters.get("tcp.overlap_conflicts")).isZero();
  }

  @Test
  void connectionsStayFindableWhileOthersAreRemoved() {
    byte[] a = "A".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < 500; i++) {
      seg(true, 42_000 + i, Packet.ACK, 1, 1, a);
    }
    for (int i = 0; i < 500; i += 3) {
      seg(false, 42_000 + i, Packet.RST, 1, 2, new byte[0]);
    }
    for (int i = 0; i < 500; i++) {
      if (i % 3 != 0) {
        seg(true, 42_000 + i, Packet.ACK, 2, 1, a);
      }
    }
    assertThat(opened).hasSize(500); // every later segment found its connection
    assertThat(reassembler.connections()).isEqualTo(333);
    assertThat(opened).filteredOn(l -> l.closes == 0).allSatisfy(l -> assertThat(l.client()).isEqualTo("AA"));
  }

  @Test
  void randomSegmentsNeverThrowAndStayWithinTheCaps() {
    TcpLimits limits = TcpLimits.DEFAULTS.withMaxConnections(20).withBuffering(16, 4096, 20_000);
    reassembler = create(limits);
    Random random = new Random(7);
    int[] flags = {Packet.SYN, Packet.SYN | Packet.ACK, Packet.ACK, Packet.ACK | Packet.PSH, Packet.FIN | Packet.ACK, Packet.RST};
    for (int i = 0; i < 50_000; i++) {
      byte[] data = new byte[random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(1500)];
      random.nextBytes(data);
      seg(random.nextBoolean(), 50_000 + random.nextInt(40), flags[random.nextInt(flags.length)],
          random.nextInt(100_000), random.nextInt(100_000), data);
      if (i % 1000 == 0) {
        reassembler.onTick(now);
      }
      assertThat(reassembler.connections()).isLessThanOrEqualTo(20);
      assertThat(reassembler.bufferedBytes()).isLessThanOrEqualTo(20_000);
    }
    reassembler.onEnd(now);
    assertThat(reassembler.connections()).isZero();
    assertThat(reassembler.bufferedBytes()).isZero();
    assertThat(opened).allSatisfy(l -> assertThat(l.closes).isEqualTo(1));
    assertThat(counters.get("tcp.listener_errors")).isZero();
  }
}
