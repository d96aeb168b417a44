package io.peerscope.agent.dns;

/**
 * The key that pairs a response with its query: client, client port, server, server port,
 * transport and transaction id. One mutable instance serves as the lookup probe so that matching
 * a response allocates nothing; each pending query holds a key of its own.
 */
final class FlowKey {
  long clientHi;
  long clientLo;
  long serverHi;
  long serverLo;
  int clientPort;
  int serverPort;
  boolean tcp;
  int id;
  private int hash;
  private static final long SEED = new java.security.SecureRandom().nextLong();

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    return z ^ (z >>> 29);
  }

  FlowKey set(
      long clientHi, long clientLo, int clientPort, long serverHi, long serverLo, int serverPort, boolean tcp, int id) {
    this.clientHi = clientHi;
    this.clientLo = clientLo;
    this.clientPort = clientPort;
    this.serverHi = serverHi;
    this.serverLo = serverLo;
    this.serverPort = serverPort;
    this.tcp = tcp;
    this.id = id;
    // seeded so that nobody can choose ports and ids that collide (PendingIndex probes linearly)
    long h = mix(SEED ^ clientLo);
    h = mix(h ^ clientHi ^ ((long) clientPort << 48) ^ ((long) serverPort << 32) ^ ((long) id << 1) ^ (tcp ? 1 : 0));
    h = mix(h ^ serverLo ^ Long.rotateLeft(serverHi, 17));
    this.hash = (int) (h ^ (h >>> 32));
    return this;
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FlowKey k
        && k.id == id
        && k.clientPort == clientPort
        && k.serverPort == serverPort
        && k.tcp == tcp
        && k.clientLo == clientLo
        && k.serverLo == serverLo
        && k.clientHi == clientHi
        && k.serverHi == serverHi;
  }
}
