package io.peerscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shipped units: the agent holds CAP_NET_RAW and nothing more, both are hardened without
 * MemoryDenyWriteExecute (the JIT needs writable, executable memory), restart on failure, and
 * their command lines are ones this build's command line accepts.
 */
class SystemdUnitsTest {
  static Path unit(String name) {
    return Path.of(System.getProperty("peerscope.root", ".")).resolve("systemd").resolve(name);
  }

  /** Directives of the unit, continuation lines joined; a repeated key keeps its last value. */
  static Map<String, String> directives(Path unit) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    String pending = "";
    for (String raw : Files.readAllLines(unit)) {
      String line = pending + raw.strip();
      if (line.endsWith("\\")) {
        pending = line.substring(0, line.length() - 1) + " ";
        continue;
      }
      pending = "";
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("[")) {
        continue;
      }
      int eq = line.indexOf('=');
      out.put(line.substring(0, eq), line.substring(eq + 1));
    }
    return out;
  }

  @Test
  void agentRunsUnprivilegedWithOnlyCapNetRaw() throws IOException {
    Map<String, String> d = directives(unit("peerscope-agent.service"));
    assertThat(d).containsEntry("User", "peerscope")
        .containsEntry("AmbientCapabilities", "CAP_NET_RAW")
        .containsEntry("CapabilityBoundingSet", "CAP_NET_RAW");
    assertHardened(d);
    assertThat(d).containsEntry("StateDirectory", "peerscope");
    assertThat(d.get("RestrictAddressFamilies")).contains("AF_PACKET");
  }

  @Test
  void collectorRunsWithNoCapabilityAtAll() throws IOException {
    Map<String, String> d = directives(unit("peerscope-collector.service"));
    assertThat(d).containsEntry("User", "peerscope")
        .containsEntry("AmbientCapabilities", "")
        .containsEntry("CapabilityBoundingSet", "");
    assertHardened(d);
  }

  @Test
  void commandLinesOfTheUnitsAreAcceptedByThisBuild() throws IOException {
    for (String name : List.of("peerscope-agent.service", "peerscope-collector.service")) {
      List<String> words = Arrays.asList(directives(unit(name)).get("ExecStart").trim().split("\\s+"));
      int main = words.indexOf("io.peerscope.app.Main");
      assertThat(main).as(name + ": the main class").isPositive();
      assertThat(words.get(words.indexOf("-cp") + 1))
          .as(name + ": the classpath names no version, so a release does not break the unit")
          .doesNotContain("0.1.0");
      // the subcommand exists and documents every option the unit passes it
      String command = words.get(main + 1);
      Cli.Run r = Cli.run(command, "--help");
      assertThat(r.exitCode()).as(name + ": " + command + " --help\n" + r.err()).isZero();
      List<String> options = words.subList(main + 2, words.size()).stream().filter(w -> w.startsWith("--")).toList();
      assertThat(options).as(name + ": options").isNotEmpty();
      for (String option : options) {
        assertThat(r.out()).as(name + ": " + command + " --help documents " + option).contains(option);
      }
    }
  }

  @Test
  void jvmOptionsOfTheUnitsAreAcceptedByThisJava() throws Exception {
    for (String name : List.of("peerscope-agent.service", "peerscope-collector.service")) {
      List<String> words = Arrays.asList(directives(unit(name)).get("ExecStart").trim().split("\\s+"));
      List<String> options = words.subList(1, words.indexOf("-cp"));
      assertThat(options).as(name).contains("-Xmx512m");
      List<String> cmd = new java.util.ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.addAll(options);
      cmd.add("-version");
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(p.waitFor()).as(name + ": " + cmd + "\n" + out).isZero();
      if (!transparentHugePagesAvailable()) {
        // the unit's huge pages fall back to small ones on such a kernel, with this warning
        out = out.lines().filter(l -> !l.contains("TransparentHugePages")).collect(java.util.stream.Collectors.joining("\n"));
      }
      // an option this JVM does not know or cannot honour is a warning here, not an error
      assertThat(out).as(name + ": " + cmd).doesNotContainIgnoringCase("warning").doesNotContain("Unrecognized");
    }
  }

  /** bin/peerscope runs `agent` and `bench` with the unit's options: the bench measures the agent as deployed. */
  @Test
  void binPeerscopeRunsTheAgentAndTheBenchWithTheUnitsJvmOptions() throws IOException {
    List<String> words = Arrays.asList(
        directives(unit("peerscope-agent.service")).get("ExecStart").trim().split("\\s+"));
    List<String> unitOptions = words.subList(1, words.indexOf("-cp"));
    Path script = Path.of(System.getProperty("peerscope.root", ".")).resolve("bin").resolve("peerscope");
    String line = Files.readAllLines(script).stream().filter(l -> l.startsWith("AGENT_JAVA_OPTS="))
        .findFirst().orElseThrow(() -> new AssertionError("bin/peerscope sets no AGENT_JAVA_OPTS"));
    String value = line.substring(line.indexOf('=') + 1).replace("\"", "").trim();
    assertThat(Arrays.asList(value.split("\\s+"))).containsExactlyElementsOf(unitOptions);
    assertThat(unitOptions).contains("-XX:+UseParallelGC", "-Xmn64m");
  }

  private static boolean transparentHugePagesAvailable() throws IOException {
    Path mode = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
    return Files.exists(mode) && !Files.readString(mode).contains("[never]");
  }

  private static void assertHardened(Map<String, String> d) {
    assertThat(d).containsEntry("NoNewPrivileges", "yes")
        .containsEntry("ProtectSystem", "strict")
        .containsEntry("ProtectHome", "yes")
        .containsEntry("PrivateTmp", "yes")
        .containsEntry("Restart", "on-failure")
        .doesNotContainKey("MemoryDenyWriteExecute");
  }
}
