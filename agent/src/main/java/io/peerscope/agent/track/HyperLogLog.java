package io.peerscope.agent.track;

/**
 * A small HyperLogLog (Flajolet et al. 2007) with 128 one-byte registers: about 9% standard
 * error in 128 bytes, so every name can estimate its distinct clients once the exact slots
 * overflow. Linear counting below 2.5 m as the paper prescribes for small cardinalities.
 *
 * <p>A sketch is a plain byte array, made by {@link #create()}: the lowest register and how many
 * registers hold it in its first two bytes, the registers after them. An object holding its
 * registers in an array of their own costs two dependent cache misses per add on a record the
 * caches lost (the object, then the array); the array alone costs one. Records hold sketches by
 * the hundred thousand and tracking is bound by such misses.
 */
final class HyperLogLog {
  static final int P = 7;
  static final int M = 1 << P;
  /** The highest register value: a hash's rank with the guard bit of {@link #add}. */
  static final int MAX_RANK = 64 - P + 1;
  private static final int MIN = 0;
  private static final int AT_MIN = 1;
  private static final int FIRST = 2;
  private static final int LENGTH = FIRST + M;
  private static final double ALPHA = 0.7213 / (1 + 1.079 / M);

  private HyperLogLog() {}

  /** An empty sketch. */
  static byte[] create() {
    byte[] s = new byte[LENGTH];
    s[AT_MIN] = (byte) M;
    return s;
  }

  /** Back to empty, for a recycled record. */
  static void clear(byte[] s) {
    java.util.Arrays.fill(s, (byte) 0);
    s[AT_MIN] = (byte) M;
  }

  static void add(byte[] s, long hash) {
    long w = (hash << P) | (1L << (P - 1)); // guard bit bounds rho at MAX_RANK
    int rho = Long.numberOfLeadingZeros(w) + 1;
    int min = s[MIN];
    // a hash whose rank is not above the lowest register can raise none: once every register
    // was raised (a sketch past a few hundred items) most adds end here
    if (rho <= min) {
      return;
    }
    int idx = FIRST + (int) (hash >>> (64 - P));
    int old = s[idx];
    if (rho > old) {
      s[idx] = (byte) rho;
      if (old == min) {
        int atMin = (s[AT_MIN] & 0xff) - 1;
        if (atMin == 0) {
          findMin(s);
        } else {
          s[AT_MIN] = (byte) atMin;
        }
      }
    }
  }

  private static void findMin(byte[] s) {
    int m = Integer.MAX_VALUE;
    int n = 0;
    for (int i = FIRST; i < LENGTH; i++) {
      int r = s[i];
      if (r < m) {
        m = r;
        n = 1;
      } else if (r == m) {
        n++;
      }
    }
    s[MIN] = (byte) m;
    s[AT_MIN] = (byte) n;
  }

  static long estimate(byte[] s) {
    double sum = 0;
    int zeros = 0;
    for (int i = FIRST; i < LENGTH; i++) {
      int r = s[i];
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

  /** A copy of the registers, as saved. */
  static byte[] registers(byte[] s) {
    return java.util.Arrays.copyOfRange(s, FIRST, LENGTH);
  }

  /** A sketch with these registers, as loaded; a register no hash can reach is refused. */
  static byte[] of(byte[] registers) {
    if (registers.length != M) {
      throw new IllegalArgumentException("HyperLogLog needs " + M + " registers");
    }
    byte[] s = new byte[LENGTH];
    for (int i = 0; i < M; i++) {
      if (registers[i] < 0 || registers[i] > MAX_RANK) {
        throw new IllegalArgumentException("HyperLogLog register " + registers[i]);
      }
      s[FIRST + i] = registers[i];
    }
    findMin(s);
    return s;
  }

  static int bytes() {
    return 16 + LENGTH;
  }
}
