package io.peerscope.agent.smtp.fingerprint;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the corpus and the project's config are, from the properties the root pom sets. */
final class TestPaths {
  private TestPaths() {}

  static Path corpus() {
    String p = System.getProperty("peerscope.corpus");
    if (p == null || !Files.isDirectory(Path.of(p))) {
      fail("conformance corpus not found (system property peerscope.corpus=" + p
          + "); it must be checked out as ../shared/corpus beside the project root");
    }
    return Path.of(p);
  }

  static Path recogFile(String name) {
    Path f = corpus().resolve("recog").resolve(name);
    if (!Files.isRegularFile(f)) {
      fail("corpus file missing: " + f);
    }
    return f;
  }

  static Path configDir() {
    String root = System.getProperty("peerscope.root");
    Path dir = root == null ? Path.of("..", "config") : Path.of(root, "config");
    if (!Files.isDirectory(dir.resolve("fingerprints"))) {
      fail("project config not found at " + dir.toAbsolutePath() + " (system property peerscope.root=" + root + ")");
    }
    return dir;
  }
}
