package io.peerscope.agent.track;

/**
 * Remembers which names were ever seen, in fixed memory, so that "seen for the first time" still
 * means something after a name's record was evicted. Two Bloom filter generations: when the
 * current one holds its design capacity it becomes the previous one and a cleared filter takes
 * over. The false-positive rate therefore stays near its design value (1% at 4 hashes and 10
 * bits per name) under a flood of unique names, at the price of forgetting names not seen for
 * two generations. Blocked (Putze, Sanders, Singler 2007): all bits of one name lie in one
 * 64-byte block, so a lookup costs one cache miss per generation instead of four.
 */
public final class SeenFilter {
  private static final int HASHES = 4;
  private static final int BITS_PER_NAME = 10;

  private long[] current;
  private long[] previous;
  private final long bits;
  private final long capacity;
  private long inserted;
  private long rotations;

  /** @param bytes memory for both generations together */
  public SeenFilter(long bytes) {
    long words = Math.max(16, bytes / 16) & ~7L; // two generations, whole 64-byte blocks
    words = Math.min(words, Integer.MAX_VALUE - 8);
    this.current = new long[(int) words];
    this.previous = new long[(int) words];
    this.bits = words * 64;
    this.capacity = bits / BITS_PER_NAME;
  }

  public boolean mightContain(String name) {
    return mightContain(Hashing.name(name));
  }

  /** The same for a name's {@link Hashing#name(String)}, already computed. */
  boolean mightContain(long h) {
    return contains(current, h) || contains(previous, h);
  }

  /** Adds the name; returns true when this rotated the generations. */
  public boolean add(String name) {
    return add(Hashing.name(name));
  }

  /** The same for a name's {@link Hashing#name(String)}, already computed. */
  boolean add(long h) {
    boolean rotated = false;
    if (inserted >= capacity) {
      long[] t = previous;
      previous = current;
      java.util.Arrays.fill(t, 0L);
      current = t;
      inserted = 0;
      rotations++;
      rotated = true;
    }
    int base = block(h);
    for (int i = 0; i < HASHES; i++) {
      int bit = (int) (h >>> (9 * i)) & 511;
      current[base + (bit >>> 6)] |= 1L << bit;
    }
    inserted++;
    return rotated;
  }

  private boolean contains(long[] filter, long h) {
    int base = block(h);
    for (int i = 0; i < HASHES; i++) {
      int bit = (int) (h >>> (9 * i)) & 511;
      if ((filter[base + (bit >>> 6)] & (1L << bit)) == 0) {
        return false;
      }
    }
    return true;
  }

  /** First word of the name's 8-word block, from the hash bits the bit positions do not use. */
  private int block(long h) {
    return (int) (((h >>> 36) % (current.length / 8)) * 8);
  }

  public long bytes() {
    return 16L * current.length + 64;
  }

  public long rotations() {
    return rotations;
  }

  long inserted() {
    return inserted;
  }

  long[] currentWords() {
    return current;
  }

  long[] previousWords() {
    return previous;
  }

  /** Restores saved generations; false (and the filter untouched) when the sizes differ. */
  boolean restore(long[] cur, long[] prev, long insertedCount, long rotationCount) {
    if (cur.length != current.length || prev.length != previous.length) {
      return false;
    }
    current = cur;
    previous = prev;
    inserted = insertedCount;
    rotations = rotationCount;
    return true;
  }
}
