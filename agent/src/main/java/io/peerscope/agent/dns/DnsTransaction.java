package io.peerscope.agent.dns;

import io.peerscope.agent.decode.IpAddress;
import java.util.Arrays;
import java.util.List;

/**
 * One line of {@code dns.jsonl} (CONTRACT.md): a query with its response, a query never answered
 * or a response never asked for. Fields of a missing side are null. Names have no trailing dot and
 * are as seen on the wire (non-UTF-8 bytes escaped by the parser).
 *
 * <p>A value to its readers, but not always a new object: when every listener of a {@link
 * DnsTransactionTable} says it keeps nothing of the transaction beyond the call ({@link
 * DnsTransactionListener#retainsTransactions()}), the table refills one instance per line (or the
 * slot a listener lends it, {@link DnsTransactionSlots}), so a steady stream of transactions
 * allocates none. A listener that keeps it either says so or keeps
 * a {@link #copy()}. Numbers are held unboxed; the boxed accessors are for the log and for tests,
 * the primitive ones ({@link #qtypeCode()}, {@link #rcodeCode()}) for the hot path.
 */
public final class DnsTransaction {
  private static final int ABSENT = -1;
  /** Addresses of an answer a tracker is given (the first ones, in answer order). */
  public static final int MAX_ADDRESSES = 4;

  private long tsMicros;
  private IpAddress client;
  private int clientPort;
  private IpAddress server;
  private int serverPort;
  private String proto;
  private int transId;
  private boolean hasRtt;
  private long rttMicros;
  private String query;
  private int qclass;
  private int qtype;
  private String qtypeName;
  private int rcode;
  private String rcodeName;
  private boolean aa;
  private boolean tc;
  private boolean rd;
  private boolean ra;
  private int z;
  private List<String> answers;
  private List<Long> ttls;
  private List<Integer> answerTypes;
  private boolean hasQuery;
  private boolean hasResponse;
  // What trackers read of the answers, taken from the lists as they are set, on the thread that
  // parsed them: a tracker on another core then reads these fields of the one instance it is
  // handed, and no list, boxed number or list element.
  private int answerCount;
  private int addressCount;
  private String address0;
  private String address1;
  private String address2;
  private String address3;
  private long addressHash0;
  private long addressHash1;
  private long addressHash2;
  private long addressHash3;
  private long minTtl;
  private boolean spfAnswer;
  private long queryHash;
  private boolean queryHasUpper;

  /**
   * @param answerTypes answer record types, same order as answers: lets trackers see A/AAAA
   *     without reparsing
   */
  public DnsTransaction(
      long tsMicros,
      IpAddress client,
      int clientPort,
      IpAddress server,
      int serverPort,
      String proto,
      int transId,
      Long rttMicros,
      String query,
      Integer qclass,
      Integer qtype,
      String qtypeName,
      Integer rcode,
      String rcodeName,
      boolean aa,
      boolean tc,
      boolean rd,
      boolean ra,
      int z,
      List<String> answers,
      List<Long> ttls,
      List<Integer> answerTypes,
      boolean hasQuery,
      boolean hasResponse) {
    set(tsMicros, client, clientPort, server, serverPort, proto, transId, rttMicros != null,
        rttMicros == null ? 0 : rttMicros, query, orAbsent(qclass), orAbsent(qtype), qtypeName,
        orAbsent(rcode), rcodeName, aa, tc, rd, ra, z, answers, ttls, answerTypes, hasQuery,
        hasResponse);
  }

  /** An empty instance for the table to fill. */
  DnsTransaction() {}

  /** Fills every field; negative qclass, qtype and rcode mean absent. */
  DnsTransaction set(
      long tsMicros,
      IpAddress client,
      int clientPort,
      IpAddress server,
      int serverPort,
      String proto,
      int transId,
      boolean hasRtt,
      long rttMicros,
      String query,
      int qclass,
      int qtype,
      String qtypeName,
      int rcode,
      String rcodeName,
      boolean aa,
      boolean tc,
      boolean rd,
      boolean ra,
      int z,
      List<String> answers,
      List<Long> ttls,
      List<Integer> answerTypes,
      boolean hasQuery,
      boolean hasResponse) {
    this.tsMicros = tsMicros;
    this.client = client;
    this.clientPort = clientPort;
    this.server = server;
    this.serverPort = serverPort;
    this.proto = proto;
    this.transId = transId;
    this.hasRtt = hasRtt;
    this.rttMicros = rttMicros;
    this.query = query;
    this.qclass = Math.max(ABSENT, qclass);
    this.qtype = Math.max(ABSENT, qtype);
    this.qtypeName = qtypeName;
    this.rcode = Math.max(ABSENT, rcode);
    this.rcodeName = rcodeName;
    this.aa = aa;
    this.tc = tc;
    this.rd = rd;
    this.ra = ra;
    this.z = z;
    this.answers = answers;
    this.ttls = ttls;
    this.answerTypes = answerTypes;
    this.hasQuery = hasQuery;
    this.hasResponse = hasResponse;
    summarizeAnswers();
    queryHash = query == null ? 0 : NameHash.of(query);
    queryHasUpper = query != null && NameHash.hasUpper(query);
    return this;
  }

  /** Up to {@value #MAX_ADDRESSES} A/AAAA answers, the lowest TTL, whether a TXT says SPF. */
  private void summarizeAnswers() {
    answerCount = answers == null ? 0 : answers.size();
    addressCount = 0;
    address0 = address1 = address2 = address3 = null;
    spfAnswer = false;
    minTtl = -1;
    if (answers == null) {
      return;
    }
    int typed = answerTypes == null ? 0 : Math.min(answerCount, answerTypes.size());
    for (int i = 0; i < answerCount; i++) {
      String a = answers.get(i);
      if (a == null) {
        continue;
      }
      if (!spfAnswer && a.regionMatches(true, 0, "v=spf1", 0, 6)) {
        spfAnswer = true;
      }
      Integer type = i < typed ? answerTypes.get(i) : null;
      if (type != null && (type == 1 || type == 28) && addressCount < MAX_ADDRESSES) {
        long h = NameHash.of(a);
        switch (addressCount++) {
          case 0 -> {
            address0 = a;
            addressHash0 = h;
          }
          case 1 -> {
            address1 = a;
            addressHash1 = h;
          }
          case 2 -> {
            address2 = a;
            addressHash2 = h;
          }
          default -> {
            address3 = a;
            addressHash3 = h;
          }
        }
      }
    }
    if (ttls != null) {
      long min = Long.MAX_VALUE;
      for (int i = 0; i < ttls.size(); i++) {
        Long v = ttls.get(i);
        if (v != null && v < min) {
          min = v;
        }
      }
      if (min != Long.MAX_VALUE) {
        minTtl = min;
      }
    }
  }

  /** A separate instance with the same values, for a listener that keeps transactions. */
  public DnsTransaction copy() {
    return new DnsTransaction().fill(this);
  }

  /** Makes this instance a copy of {@code o}: its values are immutable, so nothing is allocated. */
  DnsTransaction fill(DnsTransaction o) {
    // the summary is taken again: the lists are still in this thread's cache, and one place
    // assigns every field
    return set(o.tsMicros, o.client, o.clientPort, o.server, o.serverPort, o.proto, o.transId,
        o.hasRtt, o.rttMicros, o.query, o.qclass, o.qtype, o.qtypeName, o.rcode, o.rcodeName, o.aa,
        o.tc, o.rd, o.ra, o.z, o.answers, o.ttls, o.answerTypes, o.hasQuery, o.hasResponse);
  }

  private static int orAbsent(Integer v) {
    return v == null ? ABSENT : v;
  }

  public long tsMicros() {
    return tsMicros;
  }

  public IpAddress client() {
    return client;
  }

  public int clientPort() {
    return clientPort;
  }

  public IpAddress server() {
    return server;
  }

  public int serverPort() {
    return serverPort;
  }

  public String proto() {
    return proto;
  }

  public int transId() {
    return transId;
  }

  public Long rttMicros() {
    return hasRtt ? rttMicros : null;
  }

  public String query() {
    return query;
  }

  /** The query name's {@link NameHash}, taken on the parsing thread; 0 without a name. */
  public long queryHash() {
    return queryHash;
  }

  /** Whether the query name holds upper case (a tracker keys it by its lower-case form). */
  public boolean queryHasUpper() {
    return queryHasUpper;
  }

  public Integer qclass() {
    return qclass < 0 ? null : qclass;
  }

  public Integer qtype() {
    return qtype < 0 ? null : qtype;
  }

  /** The query type, or -1 when the transaction has none: no boxing. */
  public int qtypeCode() {
    return qtype;
  }

  public String qtypeName() {
    return qtypeName;
  }

  public Integer rcode() {
    return rcode < 0 ? null : rcode;
  }

  /** The response code, or -1 without a response: no boxing. */
  public int rcodeCode() {
    return rcode;
  }

  public String rcodeName() {
    return rcodeName;
  }

  public boolean aa() {
    return aa;
  }

  public boolean tc() {
    return tc;
  }

  public boolean rd() {
    return rd;
  }

  public boolean ra() {
    return ra;
  }

  public int z() {
    return z;
  }

  public List<String> answers() {
    return answers;
  }

  public List<Long> ttls() {
    return ttls;
  }

  public List<Integer> answerTypes() {
    return answerTypes;
  }

  public boolean hasQuery() {
    return hasQuery;
  }

  /** Answers in the response; 0 without one. */
  public int answerCount() {
    return answerCount;
  }

  /** A and AAAA answers, at most {@link #MAX_ADDRESSES}. */
  public int addressCount() {
    return addressCount;
  }

  /** The i-th A or AAAA answer, {@code 0 <= i < addressCount()}, as text. */
  public String address(int i) {
    if (i < 0 || i >= addressCount) {
      throw new IndexOutOfBoundsException(i);
    }
    return switch (i) {
      case 0 -> address0;
      case 1 -> address1;
      case 2 -> address2;
      default -> address3;
    };
  }

  /** The {@link NameHash} of {@link #address(int)}, taken on the parsing thread. */
  public long addressHash(int i) {
    if (i < 0 || i >= addressCount) {
      throw new IndexOutOfBoundsException(i);
    }
    return switch (i) {
      case 0 -> addressHash0;
      case 1 -> addressHash1;
      case 2 -> addressHash2;
      default -> addressHash3;
    };
  }

  /** The lowest TTL of the answers, or -1 without one. */
  public long minTtl() {
    return minTtl;
  }

  /** Whether an answer's text starts with {@code v=spf1} (any case): a TXT record that is SPF. */
  public boolean spfAnswer() {
    return spfAnswer;
  }

  public boolean hasResponse() {
    return hasResponse;
  }

  private Object[] values() {
    return new Object[] {tsMicros, client, clientPort, server, serverPort, proto, transId,
        rttMicros(), query, qclass(), qtype(), qtypeName, rcode(), rcodeName, aa, tc, rd, ra, z,
        answers, ttls, answerTypes, hasQuery, hasResponse};
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DnsTransaction t && Arrays.equals(values(), t.values());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values());
  }

  @Override
  public String toString() {
    return "DnsTransaction" + Arrays.toString(values());
  }
}
