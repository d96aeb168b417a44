package io.peerscope.app.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts {@link BenchWorker} in a fresh JVM, the same java binary and class path as this one, and
 * reads back its result line. Its other output is kept in a file and shown only when it fails.
 */
final class WorkerJvm {
  private static final long TIMEOUT_MINUTES = 20;
  private static final int MAX_NOTE = 400;

  private WorkerJvm() {}

  /**
   * The command that runs {@code mainClass} in a new JVM like this one: same java, class path,
   * heap options and {@code peerscope.*} system properties; the environment is inherited as it is.
   */
  static List<String> javaCommand(Class<?> mainClass) {
    String java =
        ProcessHandle.current().info().command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    // heap and young generation sizes, collector and page size as this JVM was given them (the
    // systemd unit's, or PEERSCOPE_JAVA_OPTS), so every contender is measured under the same heap
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("-Xmx") || arg.startsWith("-Xms") || arg.startsWith("-Xmn")
          || arg.matches("-XX:\\+Use\\w*GC")
          || arg.startsWith("-XX:MaxRAMPercentage=") || arg.matches("-XX:[+-]UseTransparentHugePages")) {
        cmd.add(arg);
      }
    }
    // the project's own settings (peerscope.root locates config/ when PEERSCOPE_HOME is unset)
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.startsWith("peerscope.")) {
        cmd.add("-D" + name + "=" + System.getProperty(name));
      }
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass.getName());
    return cmd;
  }

  static RunResult run(String contender, Path file, long expectedPackets) {
    List<String> cmd = javaCommand(BenchWorker.class);
    cmd.add(contender);
    cmd.add(file.toString());
    cmd.add(Long.toString(expectedPackets));
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("bench-worker", ".out");
      err = Files.createTempFile("bench-worker", ".err");
      Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        return RunResult.unavailable(contender, "timed out after " + TIMEOUT_MINUTES + " minutes");
      }
      for (String line : Files.readAllLines(out)) {
        if (line.startsWith(BenchWorker.RESULT_PREFIX)) {
          return BenchWorker.JSON.readValue(line.substring(BenchWorker.RESULT_PREFIX.length()), RunResult.class);
        }
      }
      return RunResult.unavailable(contender, "worker exited " + p.exitValue() + ": " + tail(err));
    } catch (IOException e) {
      return RunResult.unavailable(contender, "worker failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return RunResult.unavailable(contender, "interrupted");
    } finally {
      delete(out);
      delete(err);
    }
  }

  private static String tail(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    String tail = String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    // a table cell, not a log: a stack trace line can carry the whole class path
    return tail.length() <= MAX_NOTE ? tail : tail.substring(0, MAX_NOTE) + "...";
  }

  private static void delete(Path p) {
    if (p != null) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        // a temp file left behind is harmless
      }
    }
  }
}
