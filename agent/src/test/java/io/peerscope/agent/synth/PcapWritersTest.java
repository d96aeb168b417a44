package io.peerscope.agent.synth;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.capture.LinkType;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class PcapWritersTest {
  @Test
  void classicBigEndianNanosecondHeaderAndRecord() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PcapWriter w = new PcapWriter(bytes, LinkType.RAW, ByteOrder.BIG_ENDIAN, true)) {
      w.write(1_500_000_123_456L, new byte[] {0x45, 0, 0, 20}, 0, 4, 60);
    }
    ByteBuffer b = ByteBuffer.wrap(bytes.toByteArray()).order(ByteOrder.BIG_ENDIAN);
    assertThat(b.getInt(0)).isEqualTo(0xa1b23c4d);
    assertThat(b.getShort(4)).isEqualTo((short) 2);
    assertThat(b.getInt(20)).isEqualTo(LinkType.RAW);
    assertThat(b.getInt(24)).isEqualTo(1_500_000);
    assertThat(b.getInt(28)).as("nanoseconds").isEqualTo(123_456_000);
    assertThat(b.getInt(32)).as("captured").isEqualTo(4);
    assertThat(b.getInt(36)).as("on the wire").isEqualTo(60);
    assertThat(b.capacity()).isEqualTo(24 + 16 + 4);
  }

  @Test
  void pcapngBlocksAreFramedByTheirLengths() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PcapNgWriter w = new PcapNgWriter(bytes, ByteOrder.BIG_ENDIAN)) {
      w.addInterface(LinkType.ETHERNET, 65535, 9);
      w.write(0, 2_000_000L, new byte[] {1, 2, 3, 4, 5}, 5);
    }
    ByteBuffer b = ByteBuffer.wrap(bytes.toByteArray()).order(ByteOrder.BIG_ENDIAN);
    int pos = 0;
    int blocks = 0;
    int[] types = new int[3];
    while (pos < b.capacity()) {
      int len = b.getInt(pos + 4);
      assertThat(b.getInt(pos + len - 4)).as("trailing length").isEqualTo(len);
      types[blocks++] = b.getInt(pos);
      pos += len;
    }
    assertThat(types).containsExactly(PcapNgWriter.SHB, PcapNgWriter.IDB, PcapNgWriter.EPB);
    assertThat(b.getInt(8)).isEqualTo(PcapNgWriter.BYTE_ORDER_MAGIC);
    int epb = 28 + 32;
    long ts = ((long) b.getInt(epb + 12) << 32) | (b.getInt(epb + 16) & 0xffffffffL);
    assertThat(ts).as("nanosecond units").isEqualTo(2_000_000_000L);
  }
}
