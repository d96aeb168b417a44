package io.peerscope.app;

/**
 * Something the operator must fix before the command can run: a missing file, a file that is not
 * a capture, a directory that cannot be written, a missing system package. Exit code 2.
 */
public final class UsageProblem extends RuntimeException {
  public UsageProblem(String message) {
    super(message);
  }

  public UsageProblem(String message, Throwable cause) {
    super(message, cause);
  }
}
