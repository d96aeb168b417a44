package io.peerscope.collector.ingest;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Mosquitto, started on a free loopback port with its own configuration file in a
 * temporary directory, and killed afterwards. Fails (never skips) when the package is missing.
 */
final class MosquittoBroker implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/sbin/mosquitto");

  private final Path dir;
  private final int port;
  private Process process;

  MosquittoBroker(Path dir) throws IOException {
    if (!Files.isExecutable(BINARY)) {
      fail(BINARY + " is missing: install the Debian package mosquitto (apt-get install -y mosquitto)");
    }
    this.dir = dir;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      this.port = socket.getLocalPort();
    }
    Files.writeString(
        dir.resolve("mosquitto.conf"),
        "listener " + port + " 127.0.0.1\n"
            + "allow_anonymous true\n"
            + "persistence false\n"
            + "log_dest stderr\n");
  }

  int port() {
    return port;
  }

  String url() {
    return "tcp://127.0.0.1:" + port;
  }

  /** Starts the daemon and waits (at most 10 s) until it accepts connections. */
  void start() throws IOException, InterruptedException {
    process =
        new ProcessBuilder(BINARY.toString(), "-c", dir.resolve("mosquitto.conf").toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log").toFile()))
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail("mosquitto exited with " + process.exitValue() + ": "
            + Files.readString(dir.resolve("mosquitto.log")));
      }
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    fail("mosquitto did not listen on port " + port + " within 10 s");
  }

  /** Kills the daemon (SIGKILL: a crash, not a polite shutdown) and waits for it to exit. */
  void kill() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }
}
