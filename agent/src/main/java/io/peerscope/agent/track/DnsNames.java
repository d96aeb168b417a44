package io.peerscope.agent.track;

/** Name normalisation for tracking keys. */
final class DnsNames {
  private DnsNames() {}

  /**
   * ASCII lower case (RFC 4343: DNS names compare case-insensitively; resolvers using 0x20
   * randomisation, draft-vixie-dnsext-dns0x20, ask with random case). Returns the same instance
   * when nothing changes so the common path allocates nothing; non-ASCII stays as is.
   */
  static String lower(String s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        char[] out = s.toCharArray();
        for (int j = i; j < n; j++) {
          char d = out[j];
          if (d >= 'A' && d <= 'Z') {
            out[j] = (char) (d + 32);
          }
        }
        return new String(out);
      }
    }
    return s;
  }
}
