package io.peerscope.app.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a system program to its end within a time limit and keeps what it printed. */
final class Commands {
  private Commands() {}

  record Result(int exitCode, String output) {
    Result requireSuccess(String what) {
      if (exitCode != 0) {
        throw new IllegalStateException(what + " failed (exit " + exitCode + "): " + output.strip());
      }
      return this;
    }
  }

  static Result run(Duration timeout, List<String> command) {
    Path log = null;
    try {
      log = Files.createTempFile("bench-cmd", ".log");
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        return new Result(-1, "timed out after " + timeout.toSeconds() + " s: " + command);
      }
      return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new Result(-1, "cannot run " + command + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted: " + command);
    } finally {
      if (log != null) {
        try {
          Files.deleteIfExists(log);
        } catch (IOException e) {
          // a temp file left behind is harmless
        }
      }
    }
  }

  static Result run(Duration timeout, String... command) {
    return run(timeout, List.of(command));
  }

  /** Whether {@code program} is an executable in the usual system directories. */
  static boolean installed(String program) {
    for (String dir : new String[] {"/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/bin"}) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
