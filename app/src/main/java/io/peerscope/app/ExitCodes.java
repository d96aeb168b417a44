package io.peerscope.app;

import io.peerscope.agent.capture.CaptureSetupException;
import io.peerscope.agent.capture.NotACaptureException;
import io.peerscope.agent.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** Maps what a command threw to CONTRACT.md's exit codes, with one line for the operator. */
final class ExitCodes {
  private ExitCodes() {}

  static int of(Throwable t) {
    return isUsage(t) ? Main.USAGE : Main.FAILURE;
  }

  static int handle(Exception e, CommandLine cl, ParseResult parsed) {
    if (isUsage(e)) {
      cl.getErr().println("peerscope " + cl.getCommandName() + ": " + e.getMessage());
      cl.getErr().flush();
      return Main.USAGE;
    }
    cl.getErr().println("peerscope " + cl.getCommandName() + ": failed: " + e);
    e.printStackTrace(cl.getErr());
    cl.getErr().flush();
    return Main.FAILURE;
  }

  private static boolean isUsage(Throwable t) {
    return t instanceof ConfigException
        || t instanceof io.peerscope.collector.ConfigException
        || t instanceof UsageProblem
        || t instanceof NotACaptureException
        || t instanceof CaptureSetupException
        || t instanceof CommandLine.ParameterException;
  }
}
