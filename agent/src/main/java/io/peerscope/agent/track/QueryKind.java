package io.peerscope.agent.track;

/**
 * What a lookup was for, coarser than the query type: mail-policy lookups (SPF, DMARC, DKIM)
 * are told apart from plain TXT because spam filters make them by the thousand for every sender
 * domain, and an analyst must see at a glance that a "few clients" name is only that.
 */
public enum QueryKind {
  A,
  AAAA,
  MX,
  TXT,
  SPF,
  DMARC,
  DKIM,
  PTR,
  NS,
  CNAME,
  SOA,
  SRV,
  ANY,
  OTHER;

  static final QueryKind[] VALUES = values();

  public boolean isPolicy() {
    return this == TXT || this == SPF || this == DMARC || this == DKIM;
  }

  public boolean isAddress() {
    return this == A || this == AAAA;
  }

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * @param name lower-cased query name
   * @param qtype query type code (RFC 1035 3.2.2 and its successors)
   * @param spfAnswer whether a TXT answer started with {@code v=spf1} (RFC 7208 4.5)
   */
  static QueryKind of(String name, int qtype, boolean spfAnswer) {
    switch (qtype) {
      case 1:
        return A;
      case 28:
        return AAAA;
      case 15:
        return MX;
      case 12:
        return PTR;
      case 2:
        return NS;
      case 5:
        return CNAME;
      case 6:
        return SOA;
      case 33:
        return SRV;
      case 255:
        return ANY;
      case 99: // the SPF RR type of RFC 4408, deprecated by RFC 7208 3.1 but still asked
        return SPF;
      case 16:
        // RFC 7489 6.1: DMARC policy lives at _dmarc.<domain>; RFC 6376 3.6.2.1: DKIM keys at
        // <selector>._domainkey.<domain>
        if (name.startsWith("_dmarc.")) {
          return DMARC;
        }
        if (name.contains("._domainkey.")) {
          return DKIM;
        }
        return spfAnswer ? SPF : TXT;
      default:
        return OTHER;
    }
  }
}
