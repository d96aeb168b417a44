package io.peerscope.collector.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback port in front of a broker that first accepts connections and never answers them (a
 * hung or restarting broker), and after {@link #answer()} relays new ones to the broker.
 */
final class SilentThenForwardingPort implements AutoCloseable {
  private final ServerSocket server;
  private final int brokerPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean answering;
  private volatile int accepted;

  SilentThenForwardingPort(int brokerPort) throws IOException {
    this.brokerPort = brokerPort;
    this.server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "test-silent-port");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String url() {
    return "tcp://127.0.0.1:" + server.getLocalPort();
  }

  /** Connections accepted so far, answered or not. */
  int accepted() {
    return accepted;
  }

  void answer() {
    answering = true;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        accepted++;
        sockets.add(client);
        if (!answering) {
          continue; // held open, never read or written
        }
        Socket broker = new Socket(InetAddress.getLoopbackAddress(), brokerPort);
        sockets.add(broker);
        pipe(client, broker);
        pipe(broker, client);
      } catch (IOException e) {
        // closed, or the broker refused: the client sees its connection fail
      }
    }
  }

  private static void pipe(Socket from, Socket to) {
    Thread t =
        new Thread(
            () -> {
              byte[] buf = new byte[8192];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                  out.write(buf, 0, n);
                }
              } catch (IOException e) {
                // one side closed
              }
            },
            "test-silent-port-pipe");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : sockets) {
      s.close();
    }
  }
}
