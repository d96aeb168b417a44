package io.peerscope.app;

import sun.misc.Signal;

/**
 * SIGTERM and SIGINT ask the running command to stop instead of killing the JVM: the command then
 * flushes its logs and spool and exits 0, as CONTRACT.md requires. A JVM shutdown hook could only
 * flush while the JVM is already exiting with 143, so the signals are handled directly.
 */
public final class StopSignals {
  private StopSignals() {}

  public static void onStop(Runnable stop) {
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        Signal.handle(new Signal(name), s -> stop.run());
      } catch (IllegalArgumentException e) {
        // the signal is reserved here (e.g. INT with -Xrs): the default action remains
      }
    }
  }
}
