package io.peerscope.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.app.demo.CollectorApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code peerscope collector} as an operator runs it: its own process, a config file, the API
 * answering, and SIGTERM ending it with exit code 0 (CONTRACT.md).
 */
class CollectorCommandTest {
  private static final Pattern ADDRESS = Pattern.compile("dashboard and API at (http://[0-9.]+:\\d+/)");

  @TempDir Path dir;

  @Test
  void servesUntilSigtermThenExitsZero() throws Exception {
    Path cfg = dir.resolve("collector.yaml");
    Files.writeString(cfg, "data_dir: " + dir.resolve("data") + "\nmqtt:\n  persistence: in-memory\n");
    Path log = dir.resolve("collector.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), "io.peerscope.app.Main",
                "collector", "--config", cfg.toString(), "--http", "127.0.0.1:0", "--mqtt-listen", "127.0.0.1:0"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      String base = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (base == null) {
        Matcher m = ADDRESS.matcher(Files.readString(log));
        if (m.find()) {
          base = m.group(1);
        } else if (!p.isAlive() || System.nanoTime() > deadline) {
          throw new AssertionError("collector did not start: " + Files.readString(log));
        }
        Thread.sleep(100);
      }
      CollectorApi api = new CollectorApi(base);
      int health = 0;
      while (health != 200 && System.nanoTime() < deadline) {
        health = api.status("/healthz");
        Thread.sleep(100);
      }
      assertThat(health).isEqualTo(200);
      assertThat(api.get("/api/sensors").path("sensors").isArray()).isTrue();
      assertThat(NetNs.terminate(p, Duration.ofSeconds(30))).as(Files.readString(log)).isZero();
    } finally {
      p.destroyForcibly();
    }
  }
}
