package io.peerscope.app;

import java.nio.file.Files;
import java.nio.file.Path;

/** The conformance corpus beside the project (../shared/corpus); its absence fails loudly. */
public final class Corpus {
  private Corpus() {}

  public static Path root() {
    String p = System.getProperty("peerscope.corpus");
    if (p == null || !Files.isDirectory(Path.of(p))) {
      throw new AssertionError(
          "the conformance corpus is missing: expected ../shared/corpus beside the project root"
              + " (system property peerscope.corpus = " + p + ")");
    }
    return Path.of(p);
  }

  public static Path zeek(String protocol, String test) {
    Path dir = root().resolve("zeek").resolve(protocol).resolve(test);
    if (!Files.isDirectory(dir)) {
      throw new AssertionError("corpus folder missing: " + dir);
    }
    return dir;
  }
}
