package io.peerscope.agent.dns;

import io.peerscope.agent.decode.IpAddress;
import io.peerscope.agent.metrics.Counters;
import io.peerscope.agent.tcp.StreamListener;
import io.peerscope.agent.tcp.StreamListenerFactory;
import io.peerscope.agent.tcp.TcpConnection;

/**
 * DNS over TCP (RFC 1035 4.2.2, RFC 7766): register for port 53. Each reassembled connection gets
 * a framer per direction; its messages go to the shared {@link DnsTransactionTable}, oriented by
 * their QR bit like UDP. Counters: {@code dns.tcp.oversized} (message above the configured size,
 * skipped), {@code dns.tcp.gaps} (direction dropped after lost bytes), {@code dns.tcp.incomplete}
 * (connection ended inside a message), {@code dns.tcp.over_budget} (direction dropped because all
 * connections together already hold {@link DnsLimits#maxTcpBufferedBytes()} of split messages).
 */
public final class DnsTcpStreams implements StreamListenerFactory {
  private final DnsTransactionTable table;
  private final DnsTcpFramer.Shared shared;

  public DnsTcpStreams(DnsTransactionTable table, DnsLimits limits, Counters counters) {
    this.table = table;
    this.shared =
        new DnsTcpFramer.Shared(
            limits.maxTcpMessage(),
            new DnsTcpBudget(limits.maxTcpBufferedBytes()),
            counters.counter("dns.tcp.oversized"),
            counters.counter("dns.tcp.gaps"),
            counters.counter("dns.tcp.incomplete"),
            counters.counter("dns.tcp.over_budget"));
  }

  /** Bytes held right now for messages split across segments, over all connections. */
  public long bufferedBytes() {
    return shared.budget().used();
  }

  @Override
  public StreamListener open(TcpConnection connection, long tsMicros) {
    return new Stream(connection);
  }

  private final class Stream implements StreamListener {
    private final IpAddress client;
    private final IpAddress server;
    private final int clientPort;
    private final int serverPort;
    private final DnsTcpFramer fromClient = new DnsTcpFramer(shared);
    private final DnsTcpFramer fromServer = new DnsTcpFramer(shared);
    private final DnsTcpFramer.MessageSink clientSink = this::fromClient;
    private final DnsTcpFramer.MessageSink serverSink = this::fromServer;

    Stream(TcpConnection c) {
      this.client = c.client();
      this.server = c.server();
      this.clientPort = c.clientPort();
      this.serverPort = c.serverPort();
    }

    @Override
    public void onData(boolean isFromClient, long tsMicros, byte[] buf, int offset, int length) {
      if (isFromClient) {
        fromClient.onData(tsMicros, buf, offset, length, clientSink);
      } else {
        fromServer.onData(tsMicros, buf, offset, length, serverSink);
      }
    }

    @Override
    public void onGap(boolean isFromClient, long tsMicros, long missingBytes) {
      (isFromClient ? fromClient : fromServer).onGap();
    }

    @Override
    public void onClose(long tsMicros, CloseReason reason) {
      fromClient.onClose();
      fromServer.onClose();
    }

    private void fromClient(long ts, byte[] buf, int off, int len) {
      table.onMessage(ts, client.hi(), client.lo(), clientPort, server.hi(), server.lo(), serverPort, true, buf, off, len);
    }

    private void fromServer(long ts, byte[] buf, int off, int len) {
      table.onMessage(ts, server.hi(), server.lo(), serverPort, client.hi(), client.lo(), clientPort, true, buf, off, len);
    }
  }
}
