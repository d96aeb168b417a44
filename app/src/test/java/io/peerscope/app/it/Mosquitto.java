package io.peerscope.app.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Debian's Mosquitto on a free loopback port with its own configuration, stopped on close. */
public final class Mosquitto implements AutoCloseable {
  private static final Path BINARY = Path.of("/usr/sbin/mosquitto");

  private final Process process;
  private final int port;

  private Mosquitto(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  public static Mosquitto start(Path dir) throws IOException, InterruptedException {
    if (!Files.isExecutable(BINARY)) {
      throw new AssertionError(
          "/usr/sbin/mosquitto is missing: install the Debian package mosquitto"
              + " (bin/peerscope test installs every package the tests use)");
    }
    int port = freePort();
    Path conf = dir.resolve("mosquitto.conf");
    Files.writeString(
        conf,
        "listener " + port + " 127.0.0.1\n"
            + "allow_anonymous true\n"
            + "persistence false\n"
            // a replay publishes in bursts (thousands of summaries of past capture time); the
            // default queue of 1000 messages per subscriber would drop QoS 1 messages beyond it
            + "max_queued_messages 1000000\n"
            + "log_dest stderr\n");
    Process p =
        new ProcessBuilder(BINARY.toString(), "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("mosquitto.log").toFile())
            .start();
    Mosquitto m = new Mosquitto(p, port);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!m.accepting()) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        m.close();
        throw new AssertionError("mosquitto did not start: " + Files.readString(dir.resolve("mosquitto.log")));
      }
      Thread.sleep(50);
    }
    return m;
  }

  public int port() {
    return port;
  }

  public String url() {
    return "tcp://127.0.0.1:" + port;
  }

  private boolean accepting() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}
