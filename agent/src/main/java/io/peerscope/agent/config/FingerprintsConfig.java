package io.peerscope.agent.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The {@code fingerprints} section: where the mail-server knowledge lives. {@code dir} holds the
 * project's own {@code fingerprints/smtp_banners.xml}, {@code fingerprints/smtp_ehlo.xml} and
 * {@code eol.yaml}; {@code extra_files} are an operator's Recog XML files, consulted first.
 */
public record FingerprintsConfig(String dir, List<String> extraFiles) {

  public FingerprintsConfig {
    dir = Checks.notBlank("fingerprints.dir", dir);
    extraFiles = extraFiles == null ? List.of() : List.copyOf(extraFiles);
    for (int i = 0; i < extraFiles.size(); i++) {
      if (extraFiles.get(i) == null || extraFiles.get(i).isBlank()) {
        throw new ConfigException("fingerprints.extra_files[" + i + "]", "must be a file name");
      }
    }
  }

  public static FingerprintsConfig defaults() {
    return new FingerprintsConfig(null, null);
  }

  /**
   * The knowledge directory: {@code dir} when set, else {@code config/} of the installation
   * ({@code PEERSCOPE_HOME}, which bin/peerscope sets, or the {@code peerscope.root} system
   * property), else {@code ./config}.
   */
  public Path resolveDir(Map<String, String> env) {
    Path p;
    if (dir != null) {
      p = Path.of(dir);
    } else if (env.get("PEERSCOPE_HOME") != null) {
      p = Path.of(env.get("PEERSCOPE_HOME"), "config");
    } else if (System.getProperty("peerscope.root") != null) {
      p = Path.of(System.getProperty("peerscope.root"), "config");
    } else {
      p = Path.of("config");
    }
    for (String f : List.of("eol.yaml", "fingerprints/smtp_banners.xml", "fingerprints/smtp_ehlo.xml")) {
      if (!Files.isRegularFile(p.resolve(f))) {
        throw new ConfigException(
            "fingerprints.dir", "no " + f + " in " + p.toAbsolutePath() + " (set fingerprints.dir to the project's config directory)");
      }
    }
    return p;
  }

  public List<Path> extraPaths() {
    return extraFiles.stream().map(Path::of).toList();
  }
}
