package io.peerscope.agent.track;

/**
 * A small HyperLogLog (Flajolet et al. 2007) with 128 one-byte registers: about 9% standard
 * error in 128 bytes, so every name can estimate its distinct clients once the exact slots
 * overflow. Linear counting below 2.5 m as the paper prescribes for small cardinalities.
 */
public final class HyperLogLog {
  static final int P = 7;
  static final int M = 1 << P;
  private static final double ALPHA = 0.7213 / (1 + 1.079 / M);

  private final byte[] registers;
  /**
   * The lowest register and how many registers hold it. A hash whose rank is not above it can
   * raise no register, so once every register was raised (a sketch past a few hundred items)
   * most adds return without reading the registers: one cache miss fewer per lookup.
   */
  private int min;
  private int atMin;

  public HyperLogLog() {
    this.registers = new byte[M];
    this.atMin = M;
  }

  private HyperLogLog(byte[] registers) {
    this.registers = registers;
    findMin();
  }

  /** Back to empty, for a recycled record. */
  void clear() {
    java.util.Arrays.fill(registers, (byte) 0);
    min = 0;
    atMin = M;
  }

  public void add(long hash) {
    long w = (hash << P) | (1L << (P - 1)); // guard bit bounds rho at 64 - P + 1
    int rho = Long.numberOfLeadingZeros(w) + 1;
    if (rho <= min) {
      return;
    }
    int idx = (int) (hash >>> (64 - P));
    int old = registers[idx];
    if (rho > old) {
      registers[idx] = (byte) rho;
      if (old == min && --atMin == 0) {
        findMin();
      }
    }
  }

  private void findMin() {
    int m = Integer.MAX_VALUE;
    int n = 0;
    for (byte r : registers) {
      if (r < m) {
        m = r;
        n = 1;
      } else if (r == m) {
        n++;
      }
    }
    min = m;
    atMin = n;
  }

  public long estimate() {
    double sum = 0;
    int zeros = 0;
    for (byte r : registers) {
      sum += Math.scalb(1.0, -r);
      if (r == 0) {
        zeros++;
      }
    }
    double e = ALPHA * M * M / sum;
    if (e <= 2.5 * M && zeros > 0) {
      e = M * Math.log((double) M / zeros);
    }
    return Math.round(e);
  }

  byte[] registers() {
    return registers;
  }

  static HyperLogLog of(byte[] registers) {
    if (registers.length != M) {
      throw new IllegalArgumentException("HyperLogLog needs " + M + " registers");
    }
    return new HyperLogLog(registers);
  }

  static int bytes() {
    return 16 + 8 + 16 + M;
  }
}
