package io.peerscope.agent.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerscope.agent.dns.NameHash;
import org.junit.jupiter.api.Test;

/** HyperLogLog estimates and the two-generation seen-names filter. */
class SketchesTest {

  @Test
  void hyperLogLogEstimatesLargeCardinalitiesWithinItsError() {
    byte[] hll = HyperLogLog.create();
    for (long i = 0; i < 100_000; i++) {
      HyperLogLog.add(hll, Hashing.address(0, i));
      HyperLogLog.add(hll, Hashing.address(0, i)); // duplicates change nothing
    }
    // 128 registers: 1.04/sqrt(128) = 9.2% standard error; 3 sigma is 28%
    assertThat(HyperLogLog.estimate(hll)).isBetween(72_000L, 128_000L);
  }

  @Test
  void hyperLogLogIsCloseForSmallCardinalities() {
    byte[] hll = HyperLogLog.create();
    for (long i = 0; i < 40; i++) {
      HyperLogLog.add(hll, Hashing.address(7, i));
    }
    assertThat(HyperLogLog.estimate(hll)).isBetween(34L, 46L);
  }

  @Test
  void seenFilterRemembersNamesAndRarelyClaimsUnseenOnes() {
    SeenFilter f = new SeenFilter(1 << 20); // 1 MiB: 419,430 names per generation
    for (int i = 0; i < 200_000; i++) {
      f.add("host" + i + ".seen.example");
    }
    for (int i = 0; i < 200_000; i++) {
      assertThat(f.mightContain("host" + i + ".seen.example")).isTrue();
    }
    int falsePositives = 0;
    for (int i = 0; i < 100_000; i++) {
      if (f.mightContain("other" + i + ".unseen.example")) {
        falsePositives++;
      }
    }
    assertThat(falsePositives).isLessThan(1_000); // under 1% when half full
    assertThat(f.rotations()).isZero();
  }

  @Test
  void seenFilterRotatesUnderAFloodAndKeepsItsErrorRateBounded() {
    SeenFilter f = new SeenFilter(1 << 18); // 104,856 names per generation
    for (int i = 0; i < 1_000_000; i++) {
      f.add(i + ".flood.example");
    }
    assertThat(f.rotations()).isGreaterThanOrEqualTo(9);
    // the latest names are still known
    for (int i = 999_000; i < 1_000_000; i++) {
      assertThat(f.mightContain(i + ".flood.example")).isTrue();
    }
    int falsePositives = 0;
    for (int i = 0; i < 100_000; i++) {
      if (f.mightContain("fresh" + i + ".example")) {
        falsePositives++;
      }
    }
    // two generations at most full: about 2 x 1.2%, never the saturation of one endless filter
    assertThat(falsePositives).isLessThan(4_000);
  }

  @Test
  void aClientReaskingItsRecentNamesIsNotCountedTwice() {
    ClientRecord c = new ClientRecord(io.peerscope.agent.decode.IpAddress.ofV4(0x0a00_0001), 0);
    long ts = 1;
    for (int i = 0; i < ClientRecord.NAME_SLOTS + 1; i++) {
      String name = "host" + i + ".example";
      c.query(name, NameHash.of(name), TableEntry.stringBytes(name), Hashing.name(name), ts++);
    }
    // the ninth name started the sketch; the seven first names still in the slots, asked again
    // and again, are the same seven, not new ones for the sketch
    for (int round = 0; round < 50; round++) {
      for (int i = 1; i < ClientRecord.NAME_SLOTS; i++) {
        String name = "host" + i + ".example";
        c.query(name, NameHash.of(name), TableEntry.stringBytes(name), Hashing.name(name), ts++);
      }
    }
    assertThat(c.distinctNames()).isEqualTo(ClientRecord.NAME_SLOTS + 1);
  }

  @Test
  void hyperLogLogSkipsOnlyAddsThatCouldRaiseNoRegister() {
    // registers kept by the textbook rule, beside the sketch that skips adds at or below its
    // lowest register: they must stay the same, through a clear and a reload
    byte[] hll = HyperLogLog.create();
    byte[] expected = new byte[HyperLogLog.M];
    for (int round = 0; round < 2; round++) {
      for (long i = 0; i < 50_000; i++) {
        long h = Hashing.address(round, i);
        HyperLogLog.add(hll, h);
        int idx = (int) (h >>> (64 - HyperLogLog.P));
        int rho = Long.numberOfLeadingZeros((h << HyperLogLog.P) | (1L << (HyperLogLog.P - 1))) + 1;
        expected[idx] = (byte) Math.max(expected[idx], rho);
        if (i % 10_000 == 0) {
          assertThat(HyperLogLog.registers(hll)).containsExactly(expected);
        }
      }
      assertThat(HyperLogLog.registers(hll)).containsExactly(expected);
      byte[] reloaded = HyperLogLog.of(HyperLogLog.registers(hll));
      HyperLogLog.add(reloaded, Hashing.address(9, 9));
      HyperLogLog.add(hll, Hashing.address(9, 9));
      assertThat(HyperLogLog.registers(reloaded)).containsExactly(HyperLogLog.registers(hll));
      expected = HyperLogLog.registers(hll);
      if (round == 0) {
        HyperLogLog.clear(hll);
        expected = new byte[HyperLogLog.M];
      }
    }
  }

  @Test
  void aSavedSketchWithARegisterNoHashCanReachIsRefused() {
    byte[] registers = new byte[HyperLogLog.M];
    registers[5] = (byte) (HyperLogLog.MAX_RANK + 1);
    assertThatThrownBy(() -> HyperLogLog.of(registers))
        .isInstanceOf(IllegalArgumentException.class);
    registers[5] = -1;
    assertThatThrownBy(() -> HyperLogLog.of(registers))
        .isInstanceOf(IllegalArgumentException.class);
    registers[5] = (byte) HyperLogLog.MAX_RANK;
    assertThat(HyperLogLog.registers(HyperLogLog.of(registers))).containsExactly(registers);
  }
}
