package io.peerscope.agent.synth;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.decode.IpAddress;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameBuilderTest {
  private static final IpAddress CLIENT4 = IpAddress.parse("192.0.2.10");
  private static final IpAddress SERVER4 = IpAddress.parse("198.51.100.53");
  private static final IpAddress CLIENT6 = IpAddress.parse("2001:db8::10");
  private static final IpAddress SERVER6 = IpAddress.parse("2001:db8::53");

  @Test
  void udpOverIpv4HasCorrectLengthsAndChecksums() {
    byte[] f = FrameBuilder.udp(CLIENT4, 40000, SERVER4, 53, new byte[] {1, 2, 3});
    assertThat(f).hasSize(14 + 20 + 8 + 3);
    assertThat(u16(f, 12)).isEqualTo(0x0800);
    assertThat(u16(f, 14 + 2)).as("IPv4 total length").isEqualTo(31);
    assertThat(FrameBuilder.checksum(0, f, 14, 20)).as("header checksum verifies to zero").isZero();
    assertThat(u16(f, 34)).isEqualTo(40000);
    assertThat(u16(f, 36)).isEqualTo(53);
    assertThat(u16(f, 38)).as("UDP length").isEqualTo(11);
    assertThat(transportChecksumVerifies(f, 14 + 12, 4, 34, 11, 17)).isTrue();
  }

  @Test
  void tcpOverIpv6HasCorrectLengthsAndChecksum() {
    byte[] payload = "EHLO x\r\n".getBytes();
    byte[] f = FrameBuilder.tcp(CLIENT6, 50000, SERVER6, 25, 0xfffffff0L, 7, 0x18, payload);
    assertThat(f).hasSize(14 + 40 + 20 + payload.length);
    assertThat(u16(f, 12)).isEqualTo(0x86DD);
    assertThat(u16(f, 14 + 4)).as("payload length").isEqualTo(20 + payload.length);
    assertThat(f[14 + 6]).isEqualTo((byte) 6);
    assertThat(u32(f, 54 + 4)).isEqualTo(0xfffffff0L);
    assertThat(u32(f, 54 + 8)).isEqualTo(7);
    assertThat(f[54 + 13]).isEqualTo((byte) 0x18);
    assertThat(transportChecksumVerifies(f, 14 + 8, 16, 54, 20 + payload.length, 6)).isTrue();
  }

  @Test
  void ipv4FragmentsCarryOffsetsInEightByteUnitsAndMoreFlag() {
    byte[] transport = new byte[100];
    for (int i = 0; i < transport.length; i++) {
      transport[i] = (byte) i;
    }
    List<byte[]> frags = FrameBuilder.ipv4Fragments(CLIENT4, SERVER4, 17, 0x1234, transport, 42);
    assertThat(frags).hasSize(3); // 40 + 40 + 20
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    for (int i = 0; i < frags.size(); i++) {
      byte[] f = frags.get(i);
      int flagsOffset = u16(f, 14 + 6);
      assertThat(flagsOffset & 0x1fff).isEqualTo(i * 5);
      assertThat((flagsOffset & 0x2000) != 0).isEqualTo(i < 2);
      assertThat(u16(f, 14 + 4)).isEqualTo(0x1234);
      assertThat(FrameBuilder.checksum(0, f, 14, 20)).isZero();
      joined.write(f, 34, f.length - 34);
    }
    assertThat(joined.toByteArray()).isEqualTo(transport);
  }

  @Test
  void ipv6FragmentsUseTheFragmentHeader() {
    byte[] transport = new byte[70];
    List<byte[]> frags = FrameBuilder.ipv6Fragments(CLIENT6, SERVER6, 17, 77, transport, 32);
    assertThat(frags).hasSize(3);
    byte[] second = frags.get(1);
    assertThat(second[14 + 6]).as("next header: fragment").isEqualTo((byte) 44);
    assertThat(second[54]).as("fragment's next header").isEqualTo((byte) 17);
    assertThat(u16(second, 56)).isEqualTo((32 << 0) | 1); // offset 32 bytes = 4 units << 3, M set
    assertThat(u32(second, 58)).isEqualTo(77);
  }

  /** Sums pseudo-header (addresses, protocol, length) and segment; a right checksum gives 0. */
  private static boolean transportChecksumVerifies(
      byte[] f, int addrOff, int addrLen, int segOff, int segLen, int proto) {
    byte[] pseudo = new byte[2 * addrLen + 4];
    System.arraycopy(f, addrOff, pseudo, 0, 2 * addrLen);
    pseudo[2 * addrLen + 1] = (byte) proto;
    pseudo[2 * addrLen + 2] = (byte) (segLen >>> 8);
    pseudo[2 * addrLen + 3] = (byte) segLen;
    byte[] all = new byte[pseudo.length + segLen + (segLen & 1)];
    System.arraycopy(pseudo, 0, all, 0, pseudo.length);
    System.arraycopy(f, segOff, all, pseudo.length, segLen);
    return FrameBuilder.checksum(0, all, 0, all.length) == 0;
  }

  static int u16(byte[] b, int off) {
    return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
  }

  static long u32(byte[] b, int off) {
    return ((long) u16(b, off) << 16) | u16(b, off + 2);
  }
}
