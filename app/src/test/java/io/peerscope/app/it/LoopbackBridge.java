package io.peerscope.app.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries TCP connections from the loopback of a network namespace to the loopback of the test's
 * own namespace, so that an agent captured inside a namespace can publish to a collector running
 * in the test JVM. Loopback addresses are per namespace, but a Unix socket is a file, visible from
 * every namespace: a small process inside the namespace accepts on its {@code 127.0.0.1:PORT} and
 * forwards each connection to the socket file, where the test JVM accepts and forwards to the
 * target port on its own loopback. Nothing is added to the host's network configuration.
 *
 * <pre>{@code
 * try (LoopbackBridge bridge = LoopbackBridge.open(ns, 1883, dir.resolve("mqtt.sock"), collectorPort, log)) {
 *   // inside ns: tcp://127.0.0.1:1883 reaches the collector's broker
 * }
 * }</pre>
 */
public final class LoopbackBridge implements AutoCloseable {
  /** A JVM starting on a busy 2-core machine. */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final ServerSocketChannel unixServer;
  private final Thread acceptor;
  private final List<AutoCloseable> open = new ArrayList<>();
  private final Process inside;
  private volatile boolean closed;

  private LoopbackBridge(ServerSocketChannel unixServer, int targetPort, Process inside) {
    this.unixServer = unixServer;
    this.inside = inside;
    this.acceptor = new Thread(() -> acceptLoop(targetPort), "bridge-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /**
   * Listens on {@code socket} in this JVM (forwarding to {@code 127.0.0.1:targetPort} here) and
   * starts the half inside {@code ns}, listening on its {@code 127.0.0.1:nsPort}; returns once that
   * port accepts connections.
   */
  public static LoopbackBridge open(NetNs ns, int nsPort, Path socket, int targetPort, Path log) throws Exception {
    Files.deleteIfExists(socket);
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        ns.spawn(log, java, "-cp", System.getProperty("java.class.path"), LoopbackBridge.class.getName(),
            Integer.toString(nsPort), socket.toString());
    LoopbackBridge bridge = new LoopbackBridge(server, targetPort, p);
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!ns.run(Duration.ofSeconds(5), "ss", "-Hltn", "sport = :" + nsPort).stdout().contains(":" + nsPort)) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        bridge.close();
        throw new AssertionError("the bridge in " + ns.name() + " did not listen on 127.0.0.1:" + nsPort
            + " within " + START_TIMEOUT + ": " + Files.readString(log));
      }
      Thread.sleep(100);
    }
    return bridge;
  }

  private void acceptLoop(int targetPort) {
    while (!closed) {
      try {
        SocketChannel from = unixServer.accept();
        SocketChannel to = SocketChannel.open(new InetSocketAddress("127.0.0.1", targetPort));
        synchronized (open) {
          open.add(from);
          open.add(to);
        }
        pump(from, to);
        pump(to, from);
      } catch (IOException e) {
        // closed, or the target refused: the client inside sees its connection dropped and retries
      }
    }
  }

  /**
   * Copies one direction until either side ends, then closes both. Channels, not their stream
   * adapters: a socket channel reads and writes under separate locks, while the adapters of
   * {@link java.nio.channels.Channels} hold one lock per channel for both, so a read blocked on
   * one direction would stall the other.
   */
  static void pump(SocketChannel in, SocketChannel out) {
    Thread t =
        new Thread(
            () -> {
              ByteBuffer buf = ByteBuffer.allocate(16 * 1024);
              try {
                while (in.read(buf) >= 0) {
                  buf.flip();
                  while (buf.hasRemaining()) {
                    out.write(buf);
                  }
                  buf.clear();
                }
              } catch (IOException e) {
                // the other direction or close() ended the connection
              } finally {
                closeQuietly(in);
                closeQuietly(out);
              }
            },
            "bridge-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // already closed
    }
  }

  @Override
  public void close() throws Exception {
    closed = true;
    NetNs.terminate(inside, Duration.ofSeconds(5));
    closeQuietly(unixServer);
    synchronized (open) {
      open.forEach(LoopbackBridge::closeQuietly);
    }
    acceptor.join(5_000);
  }

  /** The half inside the namespace: {@code LoopbackBridge PORT SOCKET}. */
  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    UnixDomainSocketAddress target = UnixDomainSocketAddress.of(Path.of(args[1]));
    try (ServerSocketChannel server = ServerSocketChannel.open()) {
      server.bind(new InetSocketAddress("127.0.0.1", port));
      while (true) {
        SocketChannel from = server.accept();
        try {
          SocketChannel to = SocketChannel.open(target);
          pump(from, to);
          pump(to, from);
        } catch (IOException e) {
          from.close();
        }
      }
    }
  }
}
