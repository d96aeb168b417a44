package io.peerscope.agent.publish;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Mosquitto ({@code apt-get install -y mosquitto}) as a child process on a loopback port,
 * with its own configuration and persistence file in a temp dir.
 */
final class MosquittoBroker implements TestBroker {
  static final Path BINARY = Path.of("/usr/sbin/mosquitto");

  private final Path dir;
  private final Path config;
  private final int port;
  private Process process;

  MosquittoBroker(Path dir) throws Exception {
    if (!Files.isExecutable(BINARY)) {
      fail(
          BINARY
              + " is missing: install the Debian package mosquitto (apt-get install -y mosquitto),"
              + " or run bin/peerscope test, which installs it");
    }
    this.dir = dir;
    this.port = TestBroker.freePort();
    this.config = dir.resolve("mosquitto.conf");
    String user = "root".equals(System.getProperty("user.name")) ? "user root\n" : "";
    // Persistence lets queued messages for a subscriber's session outlive a broker restart, as
    // they would on a real installation; a SIGTERM writes the database.
    Files.writeString(
        config,
        "listener %d 127.0.0.1\nallow_anonymous true\npersistence true\npersistence_location %s/\n%s"
                .formatted(port, dir, user)
            + "log_dest file "
            + dir.resolve("mosquitto.log")
            + "\n");
  }

  @Override
  public String url() {
    return "tcp://127.0.0.1:" + port;
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public void start() throws Exception {
    process =
        new ProcessBuilder(BINARY.toString(), "-c", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("mosquitto.out").toFile())
            .start();
    try {
      TestBroker.awaitListening(port, 10_000);
    } catch (AssertionError e) {
      throw new AssertionError(
          e.getMessage() + "; mosquitto said: " + Files.readString(dir.resolve("mosquitto.out")));
    }
  }

  @Override
  public void stop() throws Exception {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      process = null;
    }
  }

  @Override
  public void close() throws Exception {
    stop();
  }
}
