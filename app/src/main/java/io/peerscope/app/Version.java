package io.peerscope.app;

import picocli.CommandLine.IVersionProvider;

/** The version in the jar's manifest, or the build's when run from classes. */
public final class Version implements IVersionProvider {
  public static String current() {
    String v = Version.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0" : v;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"peerscope " + current()};
  }
}
