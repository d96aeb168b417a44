package io.peerscope.agent.tcp;

/**
 * The reassembler's state for one connection: its oriented endpoints (the key of the flow
 * table), both directions, the protocol listener and the links of the activity list.
 */
final class Flow {
  final long clientHi;
  final long clientLo;
  final int clientPort;
  final long serverHi;
  final long serverLo;
  final int serverPort;
  final int hash;

  final HalfStream client = new HalfStream(this, true);
  final HalfStream server = new HalfStream(this, false);

  private final Context context;
  private StreamListener listener;
  private int bufferedBytes;
  private boolean closed;

  long lastSeenMicros;
  Flow older;
  Flow newer;

  /** What every flow of one reassembler shares. */
  record Context(TcpLimits limits, TcpCounters counters, BufferBudget budget) {}

  Flow(
      Context context, long clientHi, long clientLo, int clientPort, long serverHi, long serverLo,
      int serverPort) {
    this.context = context;
    this.clientHi = clientHi;
    this.clientLo = clientLo;
    this.clientPort = clientPort;
    this.serverHi = serverHi;
    this.serverLo = serverLo;
    this.serverPort = serverPort;
    this.hash = FlowTable.hash(clientHi, clientLo, clientPort, serverHi, serverLo, serverPort);
  }

  void attach(StreamListener l) {
    this.listener = l;
  }

  boolean isClient(long hi, long lo, int port) {
    return clientPort == port && clientLo == lo && clientHi == hi;
  }

  boolean matches(long aHi, long aLo, int aPort, long bHi, long bLo, int bPort) {
    return (clientPort == aPort && serverPort == bPort && clientLo == aLo && serverLo == bLo
            && clientHi == aHi && serverHi == bHi)
        || (clientPort == bPort && serverPort == aPort && clientLo == bLo && serverLo == aLo
            && clientHi == bHi && serverHi == aHi);
  }

  /** Some bytes went either way (a SYN alone does not count). */
  boolean carriedData() {
    return client.delivered() > 0 || server.delivered() > 0;
  }

  TcpLimits limits() {
    return context.limits();
  }

  TcpCounters counters() {
    return context.counters();
  }

  BufferBudget budget() {
    return context.budget();
  }

  int bufferedBytes() {
    return bufferedBytes;
  }

  void reserve(int n) {
    bufferedBytes += n;
    context.budget().reserve(n);
  }

  void release(int n) {
    bufferedBytes -= n;
    context.budget().release(n);
  }

  // A listener must not throw; if one does, the pipeline goes on and the failure is counted.

  void data(boolean fromClient, long ts, byte[] buf, int off, int len) {
    try {
      listener.onData(fromClient, ts, buf, off, len);
    } catch (RuntimeException e) {
      context.counters().listenerErrors.inc();
    }
  }

  void gap(boolean fromClient, long ts, long missing) {
    try {
      listener.onGap(fromClient, ts, missing);
    } catch (RuntimeException e) {
      context.counters().listenerErrors.inc();
    }
  }

  /** Flushes both directions and tells the listener, once. */
  void close(long ts, StreamListener.CloseReason reason) {
    if (closed) {
      return;
    }
    closed = true;
    client.flush(ts);
    server.flush(ts);
    try {
      listener.onClose(ts, reason);
    } catch (RuntimeException e) {
      context.counters().listenerErrors.inc();
    }
  }
}
