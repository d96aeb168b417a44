package io.peerscope.agent.publish;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP relay in front of a broker. {@link #cut()} resets every relayed connection and
 * stops accepting: to the broker it is a client whose network vanished (no DISCONNECT), which is
 * what fires the last will.
 */
final class TcpRelay implements AutoCloseable {
  private final ServerSocket server;
  private final int targetPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final Thread acceptor;
  private volatile boolean holding;
  private volatile boolean silent;

  TcpRelay(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::accept, "test-relay");
    this.acceptor.setDaemon(true);
    this.acceptor.start();
  }

  String url() {
    return "tcp://127.0.0.1:" + server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        if (holding) {
          client.close();
          continue;
        }
        if (silent) {
          // kept open and never answered, until cut() or close()
          sockets.add(client);
          continue;
        }
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        sockets.add(client);
        sockets.add(upstream);
        pipe(client, upstream);
        pipe(upstream, client);
      } catch (IOException e) {
        // closed by cut(), or the broker refused: the client sees its connection fail
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
                  out.flush();
                }
              } catch (IOException e) {
                // the other direction or cut() closed the sockets
              }
            },
            "test-relay-pipe");
    t.setDaemon(true);
    t.start();
  }

  /** While holding, a new connection is accepted and closed at once, as a broker that is down. */
  void hold(boolean hold) {
    holding = hold;
  }

  /**
   * While silent, a new connection is accepted and then neither answered nor closed, as a broker
   * that hangs, or a port where something else listens.
   */
  void silent(boolean silent) {
    this.silent = silent;
  }

  /** Resets every connection (RST, no FIN) and refuses new ones. */
  void cut() throws IOException {
    server.close();
    for (Socket s : sockets) {
      try {
        s.setSoLinger(true, 0);
      } catch (IOException alreadyClosed) {
        // the other side went first; closing again is harmless
      }
      s.close();
    }
  }

  @Override
  public void close() throws IOException {
    cut();
  }
}
