package io.peerscope.app;

import io.peerscope.app.demo.DemoCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code peerscope}: the one command line of CONTRACT.md. Exit codes: 0 success, 2 bad usage,
 * bad configuration or a missing prerequisite (the message names the option, key or package), 1 a
 * failure while running.
 */
@Command(
    name = "peerscope",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Passive DNS and SMTP sensor (agent) and its fleet collector.",
    subcommands = {AgentCommand.class, CollectorCommand.class, DemoCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;

  @Spec CommandSpec spec;

  public static void main(String[] args) {
    // HiveMQ's jar carries its own logback.xml; ours (stderr only, quiet libraries) must win
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "peerscope-logback.xml");
    }
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (tests call this instead of main). */
  public static int run(String... args) {
    return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args);
  }

  static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExitCodeExceptionMapper(ExitCodes::of);
    cl.setExecutionExceptionHandler(ExitCodes::handle);
    return cl;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed: agent, collector or demo");
  }
}
