package io.peerscope.agent.smtp.fingerprint;

import java.util.Comparator;

/**
 * Dotted numeric comparison of version strings as banners write them: {@code 6.0.3790.4675},
 * {@code 4.94.2}, {@code 4.84_2}, {@code 8.5.3FP6 HF1944}, {@code 8.11.6p2}. Components are split
 * on {@code . _ -} and compared by their leading number ({@code 3FP6} counts as 3, then its
 * suffix); a missing component is 0, so {@code 4.94 < 4.94.2} and {@code 15 == 15.0}; a component
 * without a leading number (a release candidate tag such as {@code RC3}) sorts before any number.
 * String comparison would put 10.0 before 9.0, hence this.
 */
public final class VersionComparator implements Comparator<String> {
  public static final VersionComparator INSTANCE = new VersionComparator();

  private VersionComparator() {}

  /** True when the text starts with a digit: only such versions are compared. */
  public static boolean isComparable(String v) {
    return v != null && !v.isEmpty() && Character.isDigit(v.charAt(0));
  }

  @Override
  public int compare(String a, String b) {
    String[] pa = split(a);
    String[] pb = split(b);
    int n = Math.max(pa.length, pb.length);
    for (int i = 0; i < n; i++) {
      String x = i < pa.length ? pa[i] : "0";
      String y = i < pb.length ? pb[i] : "0";
      int c = compareComponent(x, y);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static String[] split(String v) {
    String head = v.strip();
    int space = head.indexOf(' ');
    if (space > 0) {
      head = head.substring(0, space);
    }
    // at most 16 components: a version longer than that is not a version
    String[] parts = head.split("[._-]", 17);
    return parts.length > 16 ? java.util.Arrays.copyOf(parts, 16) : parts;
  }

  private static int compareComponent(String x, String y) {
    long nx = leadingNumber(x);
    long ny = leadingNumber(y);
    if (nx != ny) {
      return Long.compare(nx, ny);
    }
    String sx = x.substring(digits(x));
    String sy = y.substring(digits(y));
    if (sx.isEmpty() || sy.isEmpty()) {
      return Boolean.compare(!sx.isEmpty(), !sy.isEmpty());
    }
    return sx.compareToIgnoreCase(sy);
  }

  private static int digits(String s) {
    int i = 0;
    while (i < s.length() && i < 18 && Character.isDigit(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static long leadingNumber(String s) {
    int d = digits(s);
    return d == 0 ? -1 : Long.parseLong(s.substring(0, d));
  }
}
