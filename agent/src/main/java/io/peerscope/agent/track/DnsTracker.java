package io.peerscope.agent.track;

import io.peerscope.agent.capture.ClockListener;
import io.peerscope.agent.decode.IpAddress;
import io.peerscope.agent.dns.DnsTransaction;
import io.peerscope.agent.dns.DnsTransactionListener;
import io.peerscope.agent.metrics.Counter;
import io.peerscope.agent.metrics.Counters;

/**
 * Feeds DNS transactions into the tracking tables and tells the detectors. Driven by capture
 * time only: a sweep runs whenever capture time crosses the next multiple of the sweep interval,
 * so a replay of three weeks gives the findings of living through them. Single-threaded: call
 * from the pipeline thread, and save the state after the pipeline stopped.
 *
 * <p>Per transaction the work is a few hash lookups and counter updates; the only allocations are
 * new table entries (and a lower-cased copy of a name asked in mixed case).
 */
public final class DnsTracker implements DnsTransactionListener, ClockListener {
  private static final int MAX_ADDRESSES_PER_ANSWER = DnsTransaction.MAX_ADDRESSES;

  private final TrackerState state;
  private final TrackObserver observer;
  private final Counter transactions;
  private final Counter ignored;
  private final Counter renames;
  private final Counter seenRotations;
  private final long sweepMicros;
  private final long warmupMicros;
  private final long minGapMicros;
  private final long watchNamesFrom;
  private final long beaconMinCount;
  /** The key of each pair lookup; never added to the table. */
  private final PairRecord probe = new PairRecord(0, 0, "", 0);
  private final String[] addrs = new String[MAX_ADDRESSES_PER_ANSWER];
  private final long[] addrHashes = new long[MAX_ADDRESSES_PER_ANSWER];

  public DnsTracker(TrackerState state, TrackObserver observer, Counters counters) {
    this.state = state;
    this.observer = observer;
    this.transactions = counters.counter("track.transactions");
    this.ignored = counters.counter("track.ignored");
    this.renames = counters.counter("track.renames");
    this.seenRotations = counters.counter("track.seen_filter.rotations");
    TrackConfig c = state.config;
    this.sweepMicros = c.sweepInterval().toNanos() / 1000;
    this.warmupMicros = c.renamedWarmup().toNanos() / 1000;
    this.minGapMicros = c.renamedMinGap().toNanos() / 1000;
    this.watchNamesFrom = state.watchNamesFrom();
    this.beaconMinCount = c.beaconMinCount();
  }

  public TrackerState state() {
    return state;
  }

  /** Reads what it needs during the call; what it keeps are the strings and immutable lists. */
  @Override
  public boolean retainsTransactions() {
    return false;
  }

  @Override
  public void onTransaction(DnsTransaction t) {
    String query = t.query();
    if (query == null || query.isEmpty() || t.client() == null) {
      ignored.inc();
      return;
    }
    transactions.inc();
    long ts = t.tsMicros();
    advance(ts);
    String name = t.queryHasUpper() ? DnsNames.lower(query) : query;
    IpAddress client = t.client();
    long cHi = client.hi();
    long cLo = client.lo();
    Organisation org = state.organisation;
    long oHi = org.hi(cHi, cLo);
    long oLo = org.lo(cHi, cLo);

    long nameHash = t.queryHash();
    NameRecord n = state.names.get(name, nameHash);
    if (!t.hasQuery()) {
      // a response whose query was not seen (capture started or restarted in between, or
      // asymmetric routing): it tells how the name resolves but is not counted as a lookup,
      // so a restart that splits a query from its response does not count it twice
      if (n != null) {
        response(t, n, nameHash, client, oHi, oLo, ts, false);
        state.names.reaccount(n);
      }
      return;
    }
    // the client's and the pair's lookups need nothing the name's record holds: made here, beside
    // the name's, their cache misses overlap with it instead of following it one by one (a name
    // new to the table has no pair to look up: the pair table holds pairs seen twice)
    ClientRecord c = state.clients.get(client);
    long pairHash = state.pairHash(cHi, cLo, nameHash);
    PairRecord p = n == null ? null : state.pairs.get(probe.probe(cHi, cLo, name), pairHash);
    // a pair not in the table may be held by the doorkeeper: read here too, for the same reason
    long doorHeld = n != null && p == null ? state.pairDoor.held(pairHash) : 0;
    boolean isNew = false;
    if (n == null) {
      n = state.newName(name, ts, cHi, cLo);
      isNew = !state.seen.mightContain(n.stableHash);
      if (state.seen.add(n.stableHash)) {
        seenRotations.inc();
      }
      state.names.add(n, nameHash);
    }
    // the client's record first: its misses then overlap with the name's below
    if (c == null) {
      c = state.newClient(client, ts);
      c.query(name, nameHash, n.nameBytes(), n.stableHash, ts);
      state.clients.add(c);
    } else {
      c.query(name, nameHash, n.nameBytes(), n.stableHash, ts);
      state.clients.reaccount(c);
    }
    int qtype = t.qtypeCode();
    n.query(ts, cHi, cLo, oHi, oLo, QueryKind.of(name, qtype, qtype == 16 && t.spfAnswer()));

    response(t, n, nameHash, client, oHi, oLo, ts, isNew);
    state.names.reaccount(n);
    if (n.queries == watchNamesFrom || n.renamed != null) {
      state.names.watch(n);
    }

    if (n.queries < 2) {
      // a name asked once has no pair worth a table entry: the one-off names of a flood never
      // reach the pair table; the first lookup is credited when the second arrives
      return;
    }
    // a pair enters the table on its second sighting, crediting the first
    if (p == null) {
      long first;
      if (n.queries == 2 && n.firstQuerierHi == cHi && n.firstQuerierLo == cLo) {
        first = n.firstSeen; // the name's first lookup was this pair's first sighting
      } else {
        first = state.pairDoor.admit(pairHash, doorHeld, ts);
        if (first < 0) {
          return; // a first sighting: held by the doorkeeper until a second one
        }
      }
      p = state.newPair(cHi, cLo, name, first);
      p.query(first);
      p.query(ts);
      state.pairs.add(p, pairHash);
    } else {
      p.query(ts);
      state.pairs.reaccount(p);
    }
    if (p.count == beaconMinCount) {
      state.pairs.watch(p);
    }
  }

  /** Records the outcome of a lookup: answers and addresses, or a failure. */
  private void response(DnsTransaction t, NameRecord n, long nameHash, IpAddress client,
      long oHi, long oLo, long ts, boolean isNew) {
    String name = n.name;
    long cHi = client.hi();
    long cLo = client.lo();
    int addrCount = addresses(t);
    if (t.hasResponse() && t.rcodeCode() >= 0) {
      int rcode = t.rcodeCode();
      if (rcode == 0) {
        if (t.answerCount() == 0) {
          n.outcomes.noData++;
        } else {
          n.outcomes.noError++;
          if (t.minTtl() >= 0) {
            n.minTtl = t.minTtl();
          }
        }
        if (addrCount > 0 && isNew && ts - state.startMicros >= warmupMicros) {
          checkRename(n, client, oHi, oLo, ts);
        }
        n.outcomes.good(ts, addrs, addrHashes, addrCount);
        for (int i = 0; i < addrCount; i++) {
          AddressRecord a = state.addresses.get(addrs[i], addrHashes[i]);
          if (a == null) {
            a = new AddressRecord(addrs[i]);
            a.resolved(name, nameHash, n.nameBytes(), ts);
            state.addresses.add(a, addrHashes[i]);
          } else {
            a.resolved(name, nameHash, n.nameBytes(), ts);
            state.addresses.reaccount(a);
          }
        }
      } else {
        n.outcomes.failure(ts, rcode, cHi, cLo);
        observer.onFailure(state, n, ts);
      }
    } else if (t.hasQuery() && !t.hasResponse()) {
      n.outcomes.failure(ts, Outcomes.UNANSWERED, cHi, cLo);
      observer.onFailure(state, n, ts);
    }
  }

  /**
   * The rename: a name seen for the first time resolves to an address that an earlier
   * name resolved to, and its first querier (or that querier's organisation) had asked for the
   * earlier name. The earlier name must have stopped resolving there a while ago (a second name
   * served alongside the first is ordinary), and the address must not be shared hosting.
   */
  private void checkRename(NameRecord n, IpAddress client, long oHi, long oLo, long ts) {
    int maxNames = state.config.renamedMaxNamesPerAddress();
    for (int i = 0; i < MAX_ADDRESSES_PER_ANSWER && addrs[i] != null; i++) {
      AddressRecord a = state.addresses.get(addrs[i], addrHashes[i]);
      if (a == null || a.distinctNames >= maxNames) {
        continue;
      }
      RecentStrings earlier = a.names;
      for (int j = 0; j < earlier.size(); j++) {
        String e = earlier.value(j);
        if (e.equals(n.name) || ts - earlier.last(j) < minGapMicros) {
          continue;
        }
        NameRecord en = state.names.get(e);
        if (en == null) {
          continue;
        }
        String sharedBy = null;
        if (en.askedBy(client.hi(), client.lo())) {
          sharedBy = "client";
        } else if (en.askedByOrganisation(oHi, oLo)) {
          sharedBy = "organisation";
        }
        if (sharedBy != null) {
          long failingSince = en.outcomes.failRunCount > 0 ? en.outcomes.failRunStart : 0;
          n.renamed = new RenameEvent(e, a.address, client.toString(),
              state.organisation.label(client), sharedBy, earlier.first(j), earlier.last(j), ts,
              failingSince);
          renames.inc();
          observer.onRename(state, n, ts);
          return;
        }
      }
    }
  }

  /** The answer's A/AAAA addresses into {@link #addrs}, as the DNS layer summarized them. */
  private int addresses(DnsTransaction t) {
    java.util.Arrays.fill(addrs, null);
    if (t.rcodeCode() != 0) {
      return 0;
    }
    int n = t.addressCount();
    for (int i = 0; i < n; i++) {
      addrs[i] = t.address(i);
      addrHashes[i] = t.addressHash(i);
    }
    return n;
  }

  private void advance(long ts) {
    if (state.startMicros == 0) {
      state.startMicros = ts;
      state.nextSweepMicros = (Math.floorDiv(ts, sweepMicros) + 1) * sweepMicros;
    }
    if (ts > state.nowMicros) {
      state.nowMicros = ts;
    }
    if (state.nowMicros >= state.nextSweepMicros) {
      // one sweep per crossing, at the latest boundary: a capture that jumps a year ahead must
      // not run thousands of sweeps over unchanged tables
      long at = Math.floorDiv(state.nowMicros, sweepMicros) * sweepMicros;
      state.nextSweepMicros = at + sweepMicros;
      observer.onSweep(state, at, false);
    }
  }

  @Override
  public void onTick(long nowMicros) {
    if (state.startMicros != 0) {
      advance(nowMicros);
    }
  }

  /** End of capture: a final sweep that also sends findings held back by the re-emit interval. */
  @Override
  public void onEnd(long nowMicros) {
    if (state.startMicros != 0) {
      advance(nowMicros);
      observer.onSweep(state, state.nowMicros, true);
    }
  }
}
