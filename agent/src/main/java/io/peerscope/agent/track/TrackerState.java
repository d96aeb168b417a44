package io.peerscope.agent.track;

import io.peerscope.agent.decode.IpAddress;
import io.peerscope.agent.dns.NameHash;
import io.peerscope.agent.metrics.Counter;
import io.peerscope.agent.metrics.Counters;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All tracking state: the bounded tables (names, clients, addresses, client-name pairs), the
 * seen-names filter, the capture clock and what was already reported. Saved to and loaded from
 * the state directory so that a capture split by a restart is tracked as one.
 *
 * <p>File {@code track.state}: gzip of [magic "PSTRACK", version, org prefixes, clock, random
 * state, seen filter, tables in slot order, ledger, CRC32 of all that]. Written to a temporary
 * file and renamed, so a crash mid-save leaves the previous state. Any unreadable file means an
 * empty start, counted in {@code track.state.load_errors} and logged, never a crash.
 */
public final class TrackerState {
  public static final String FILE_NAME = "track.state";
  static final long MAGIC = 0x5053545241434bL; // "PSTRACK"
  static final int VERSION = 1;
  private static final Logger LOG = LoggerFactory.getLogger(TrackerState.class);

  final TrackConfig config;
  final Organisation organisation;
  final Rng rng = new Rng(0x5eed_7eac_c0ffeeL);
  final BoundedTable<String, NameRecord> names;
  final BoundedTable<IpAddress, ClientRecord> clients;
  final BoundedTable<String, AddressRecord> addresses;
  final BoundedTable<PairRecord, PairRecord> pairs;
  final PairDoorkeeper pairDoor;
  final SeenFilter seen;
  /**
   * The pairs table's hash secret (the clients table's comes from the same draw; names and
   * addresses are keyed by {@link NameHash}'s): never saved, never shown, new in every process.
   */
  private final long pairSeed;
  /**
   * Evicted name and client records waiting to be reused for new ones: in steady state each new
   * entry evicts one, so a few suffice.
   */
  private static final int MAX_SPARES = 32;
  final TrackParts parts = new TrackParts();
  private final java.util.ArrayDeque<NameRecord> spareNames = new java.util.ArrayDeque<>();
  private final java.util.ArrayDeque<ClientRecord> spareClients = new java.util.ArrayDeque<>();
  private final java.util.ArrayDeque<PairRecord> sparePairs = new java.util.ArrayDeque<>();
  final EmissionLedger ledger;
  /** Capture time of the first transaction ever tracked (0 before). */
  long startMicros;
  long nowMicros;
  long nextSweepMicros;
  private final Counter loadErrors;
  private final Counter saved;

  public TrackerState(TrackConfig config, Counters counters) {
    this.config = config;
    this.organisation = new Organisation(config.orgPrefixV4(), config.orgPrefixV6());
    long budget = config.budgetBytes();
    long seed = new java.security.SecureRandom().nextLong();
    this.pairSeed = Hashing.mix(seed + 1);
    this.names = new BoundedTable<>(budget * 45 / 100, counters.counter("track.names.evicted"), rng,
        this::nameHash);
    this.pairs = new BoundedTable<>(budget * 18 / 100, counters.counter("track.pairs.evicted"), rng,
        p -> pairHash(p.clientHi(), p.clientLo(), nameHash(p.name())));
    this.pairDoor = new PairDoorkeeper(budget * 4 / 100, counters.counter("track.pairs.first_sightings_displaced"));
    this.clients = new BoundedTable<>(budget * 10 / 100, counters.counter("track.clients.evicted"), rng,
        a -> Hashing.address(a.hi(), a.lo(), seed));
    this.addresses = new BoundedTable<>(budget * 10 / 100, counters.counter("track.addresses.evicted"),
        rng, NameHash::of);
    this.names.onEvicted(keptIn(spareNames));
    this.clients.onEvicted(keptIn(spareClients));
    this.pairs.onEvicted(keptIn(sparePairs));
    this.seen = new SeenFilter(budget * 10 / 100);
    // the 3 % the tables and the filter leave
    this.ledger = EmissionLedger.forBudget(budget * 3 / 100);
    this.loadErrors = counters.counter("track.state.load_errors");
    this.saved = counters.counter("track.state.saved");
  }

  /**
   * The names table's hash of a name: its {@link NameHash}, which the DNS layer hands over with
   * each transaction ({@link io.peerscope.agent.dns.DnsTransaction#queryHash()}).
   */
  long nameHash(String name) {
    return NameHash.of(name);
  }

  /** The pairs table's hash, from the name's {@link #nameHash}: the name is not read again. */
  long pairHash(long clientHi, long clientLo, long nameHash) {
    return Hashing.address(clientHi, clientLo, pairSeed) ^ nameHash;
  }

  /** Keeps evicted entries for reuse, up to {@link #MAX_SPARES}; the rest go to the collector. */
  private static <T> java.util.function.Consumer<T> keptIn(java.util.ArrayDeque<T> spares) {
    return e -> {
      if (spares.size() < MAX_SPARES) {
        spares.push(e);
      }
    };
  }

  /** A record for a name new to the table: an evicted one reused, or a new one. */
  NameRecord newName(String name, long ts, long clientHi, long clientLo) {
    NameRecord n = spareNames.poll();
    if (n == null) {
      return new NameRecord(name, ts, clientHi, clientLo, parts);
    }
    n.recycle(name, ts, clientHi, clientLo);
    return n;
  }

  /** A record for a client new to the table: an evicted one reused, or a new one. */
  ClientRecord newClient(IpAddress client, long ts) {
    ClientRecord c = spareClients.poll();
    if (c == null) {
      return new ClientRecord(client, ts);
    }
    c.recycle(client, ts);
    return c;
  }

  /** A record for a pair new to the table: an evicted one reused, or a new one. */
  PairRecord newPair(long clientHi, long clientLo, String name, long ts) {
    PairRecord p = sparePairs.poll();
    if (p == null) {
      return new PairRecord(clientHi, clientLo, name, ts);
    }
    p.recycle(clientHi, clientLo, name, ts);
    return p;
  }

  public TrackConfig config() {
    return config;
  }

  public Organisation organisation() {
    return organisation;
  }

  public EmissionLedger ledger() {
    return ledger;
  }

  public NameRecord name(String name) {
    return names.get(DnsNames.lower(name));
  }

  public ClientRecord client(IpAddress client) {
    return clients.get(client);
  }

  public AddressRecord address(String address) {
    return addresses.get(address);
  }

  public PairRecord pair(IpAddress client, String name) {
    return pairs.get(new PairRecord(client.hi(), client.lo(), DnsNames.lower(name), 0));
  }

  /** Names worth a detector's look: enough lookups, or renamed. */
  public void forEachWatchedName(java.util.function.Consumer<NameRecord> action) {
    names.forEachWatched(action);
  }

  /** Pairs with enough lookups to judge periodicity. */
  public void forEachWatchedPair(java.util.function.Consumer<PairRecord> action) {
    pairs.forEachWatched(action);
  }

  /** Watches what deserves it after loading (the watch list itself is not saved). */
  void rewatch() {
    names.forEach(n -> {
      if (n.queries >= watchNamesFrom() || n.renamed != null) {
        names.watch(n);
      }
    });
    pairs.forEach(p -> {
      if (p.count >= config.beaconMinCount()) {
        pairs.watch(p);
      }
    });
  }

  long watchNamesFrom() {
    return Math.min(config.exclusiveMinQueries(), config.severedMinAnswers());
  }

  public long startMicros() {
    return startMicros;
  }

  public long nowMicros() {
    return nowMicros;
  }

  /** The tables' own estimate of their retained bytes. */
  public long estimatedBytes() {
    return names.bytes() + parts.bytes() + pairs.bytes() + pairDoor.bytes() + clients.bytes() + addresses.bytes() + seen.bytes()
        + ledger.bytes();
  }

  public TableSizes sizes() {
    return new TableSizes(names.size(), clients.size(), addresses.size(), pairs.size(),
        estimatedBytes(), config.budgetBytes());
  }

  /** Entry counts and the estimate, for status messages and tests. */
  public record TableSizes(
      int names, int clients, int addresses, int pairs, long estimatedBytes, long budgetBytes) {}

  /** Writes the state into dir/track.state atomically (temporary file, then rename). */
  public void save(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path tmp = dir.resolve(FILE_NAME + ".tmp");
    try (OutputStream fos = Files.newOutputStream(tmp);
        GZIPOutputStream gz = fastGzip(new BufferedOutputStream(fos, 1 << 16))) {
      // records write a field at a time: buffered above the compressor, which costs a native
      // call per write however small (unbuffered, a full state took seconds to save)
      CheckedOutputStream checked = new CheckedOutputStream(gz, new CRC32());
      DataOutputStream out = new DataOutputStream(new BufferedOutputStream(checked, 1 << 16));
      StateCodec.write(this, out);
      out.flush();
      new DataOutputStream(gz).writeLong(checked.getChecksum().getValue());
    }
    Files.move(tmp, dir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
    saved.inc();
  }

  /**
   * Gzip at its fastest level: the agent saves as it stops, and a full state of 128 MiB was
   * compressed in less than half the time of the default level, the file a third larger.
   */
  private static GZIPOutputStream fastGzip(OutputStream out) throws IOException {
    return new GZIPOutputStream(out, 1 << 16) {
      {
        def.setLevel(java.util.zip.Deflater.BEST_SPEED);
      }
    };
  }

  /**
   * The state saved in dir, or an empty state when there is none; a file that cannot be read
   * (truncated, corrupt, another version or other organisation prefixes) gives an empty state,
   * counted and logged.
   */
  public static TrackerState load(Path dir, TrackConfig config, Counters counters) {
    Path file = dir.resolve(FILE_NAME);
    TrackerState state = new TrackerState(config, counters);
    try (InputStream fis = Files.newInputStream(file);
        GZIPInputStream gz = new GZIPInputStream(new BufferedInputStream(fis, 1 << 16), 1 << 16)) {
      // buffered above the decompressor, as for saving; the checksum after the body is read
      // from the same buffer, past the checked stream, since the buffer may hold it already
      BufferedInputStream buffered = new BufferedInputStream(gz, 1 << 16);
      CheckedInputStream checked = new CheckedInputStream(buffered, new CRC32());
      DataInputStream in = new DataInputStream(checked);
      StateCodec.read(state, in);
      state.rewatch();
      long expected = checked.getChecksum().getValue();
      long actual = new DataInputStream(buffered).readLong();
      if (expected != actual) {
        throw new IOException("checksum mismatch");
      }
      counters.counter("track.state.loaded").inc();
      return state;
    } catch (NoSuchFileException e) {
      return state;
    } catch (IOException | RuntimeException e) {
      state.loadErrors.inc();
      LOG.warn("tracking state {} unreadable ({}); starting with empty tracking state", file,
          e.toString());
      TrackerState empty = new TrackerState(config, counters);
      return empty;
    }
  }
}
