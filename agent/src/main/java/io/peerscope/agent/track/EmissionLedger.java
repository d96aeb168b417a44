package io.peerscope.agent.track;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What was last sent for each (kind, subject): when and with which count, so a finding is sent
 * again only when its evidence grew and not more often than the re-emit interval. Saved with the
 * tables, so a restart neither repeats nor forgets. Bounded by its share of the tracking budget:
 * the least recently sent entry goes first.
 */
public final class EmissionLedger {
  /** Estimated bytes of one entry: map node, key string and the entry itself. */
  static final long ENTRY_BYTES = 160;
  /** Floor for tiny budgets: a few hundred subjects still remember what was sent. */
  static final int MIN_CAPACITY = 256;
  /** A saved ledger claiming more entries than this is damaged, whatever the budget. */
  private static final int MAX_SAVED_ENTRIES = 1 << 24;

  private final int capacity;

  /** What was sent for one subject. */
  public static final class Entry {
    public long firstSentMicros;
    public long lastSentMicros;
    public long lastCount;
    public long lastEvidenceHash;
  }

  private final LinkedHashMap<String, Entry> entries =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
          return size() > capacity;
        }
      };

  EmissionLedger(int capacity) {
    this.capacity = capacity;
  }

  /** A ledger held to budgetBytes: the share of the tracking budget the tables leave to it. */
  static EmissionLedger forBudget(long budgetBytes) {
    long fits = budgetBytes / ENTRY_BYTES;
    return new EmissionLedger((int) Math.max(MIN_CAPACITY, Math.min(Integer.MAX_VALUE, fits)));
  }

  public int capacity() {
    return capacity;
  }

  public Entry get(String kind, String subject) {
    return entries.get(kind + '\n' + subject);
  }

  public Entry getOrCreate(String kind, String subject) {
    return entries.computeIfAbsent(kind + '\n' + subject, k -> new Entry());
  }

  public int size() {
    return entries.size();
  }

  long bytes() {
    return 64 + entries.size() * ENTRY_BYTES;
  }

  void write(DataOutput out) throws IOException {
    out.writeInt(entries.size());
    for (Map.Entry<String, Entry> e : entries.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeLong(e.getValue().firstSentMicros);
      out.writeLong(e.getValue().lastSentMicros);
      out.writeLong(e.getValue().lastCount);
      out.writeLong(e.getValue().lastEvidenceHash);
    }
  }

  void read(DataInput in) throws IOException {
    int n = in.readInt();
    // a ledger saved under a larger budget loads too: the oldest entries make room as it fills
    if (n < 0 || n > MAX_SAVED_ENTRIES) {
      throw new IOException("emission ledger with " + n + " entries");
    }
    for (int i = 0; i < n; i++) {
      String key = in.readUTF();
      Entry e = new Entry();
      e.firstSentMicros = in.readLong();
      e.lastSentMicros = in.readLong();
      e.lastCount = in.readLong();
      e.lastEvidenceHash = in.readLong();
      entries.put(key, e);
    }
  }
}
