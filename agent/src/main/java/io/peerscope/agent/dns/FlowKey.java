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
    long h = clientHi * 31 + clientLo;
    h = h * 31 + serverHi;
    h = h * 31 + serverLo;
    h = h * 31 + ((long) clientPort << 16 | serverPort);
    h = h * 31 + (id << 1 | (tcp ? 1 : 0));
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
