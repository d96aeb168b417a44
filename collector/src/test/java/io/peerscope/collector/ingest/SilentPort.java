package io.peerscope.collector.ingest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback port that accepts connections and never answers them, as a hung or restarting broker.
 * {@link #stopListening()} frees the port for a real broker while the connections already
 * accepted stay open and silent.
 */
final class SilentPort implements AutoCloseable {
  private final ServerSocket server;
  private final List<Socket> accepted = new CopyOnWriteArrayList<>();

  SilentPort(int port) throws IOException {
    server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 8);
    Thread acceptor = new Thread(this::accept, "test-silent-port");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Connections accepted so far. */
  int accepted() {
    return accepted.size();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        accepted.add(server.accept()); // held open, never read or written
      } catch (IOException closed) {
        // stopListening() or close()
      }
    }
  }

  void stopListening() throws IOException {
    server.close();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : accepted) {
      s.close();
    }
  }
}
