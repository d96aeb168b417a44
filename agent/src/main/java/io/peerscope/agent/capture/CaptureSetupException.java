package io.peerscope.agent.capture;

import java.io.IOException;

/**
 * A live capture could not start for a reason the operator must fix (unknown interface, missing
 * permission, libpcap not installed, a filter that does not compile); the message says what to
 * do. The command line exits 2 on it.
 */
public final class CaptureSetupException extends IOException {
  public CaptureSetupException(String message) {
    super(message);
  }

  public CaptureSetupException(String message, Throwable cause) {
    super(message, cause);
  }
}
