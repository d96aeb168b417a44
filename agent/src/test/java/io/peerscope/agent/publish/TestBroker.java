package io.peerscope.agent.publish;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A real MQTT broker on a loopback port, started and stopped by a test. Stopping and starting again
 * keeps the port and the broker's persistence (sessions, queued and retained messages), as a
 * restarted broker process would.
 */
interface TestBroker extends AutoCloseable {
  String url();

  int port();

  void start() throws Exception;

  /** Stops the broker process (SIGTERM for a daemon), as an operator or a crash would. */
  void stop() throws Exception;

  @Override
  void close() throws Exception;

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Waits (bounded) until something accepts connections on the loopback port. */
  static void awaitListening(int port, long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (System.currentTimeMillis() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new AssertionError(
        "nothing listens on 127.0.0.1:" + port + " after " + timeoutMillis + " ms");
  }
}
