package io.peerscope.app;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Runs the {@code peerscope} command line in this JVM and keeps what it printed. */
public final class Cli {
  /** Exit code and output of one run. */
  public record Run(int exitCode, String out, String err) {
    public String all() {
      return out + err;
    }
  }

  private Cli() {}

  public static synchronized Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    System.setOut(o);
    System.setErr(e);
    int code;
    try {
      code = Main.commandLine(new PrintWriter(o, true), new PrintWriter(e, true)).execute(args);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
