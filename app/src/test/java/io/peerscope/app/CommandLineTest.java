package io.peerscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import org.junit.jupiter.api.io.TempDir;

/** CONTRACT.md's commands: every one answers --help, and exit codes follow the contract. */
class CommandLineTest {
  @TempDir Path dir;

  @Test
  void everyCommandAnswersHelp() {
    for (String[] args :
        new String[][] {{"--help"}, {"agent", "--help"}, {"collector", "--help"}, {"demo", "--help"}, {"help", "agent"}}) {
      Cli.Run r = Cli.run(args);
      assertThat(r.exitCode()).as(String.join(" ", args)).isZero();
      assertThat(r.out()).as(String.join(" ", args)).contains("Usage:");
    }
    assertThat(Cli.run("agent", "--help").out()).contains("--read", "--interface", "--logs", "--broker", "--sensor", "--config");
    assertThat(Cli.run("collector", "--help").out()).contains("--config", "--http", "--broker", "--mqtt-listen", "--db");
    assertThat(Cli.run("demo", "--help").out()).contains("--serve");
  }

  @Test
  void helpDescriptionsAreNotRewrapped() {
    // picocli wraps at 80 columns: a hand-wrapped description line longer than that would be
    // broken again, leaving one- or two-word lines in the middle of a sentence
    CommandLine main = new CommandLine(new Main());
    for (String name : new String[] {"agent", "collector", "demo"}) {
      String[] description = main.getSubcommands().get(name).getCommandSpec().usageMessage().description();
      assertThat(Cli.run(name, "--help").out()).as(name).contains(String.join(System.lineSeparator(), description));
    }
  }

  @Test
  void noCommandIsUsageError() {
    Cli.Run r = Cli.run();
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("a command is needed");
  }

  @Test
  void unknownOptionIsUsageError() {
    Cli.Run r = Cli.run("agent", "--reed", "x.pcap");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--reed");
  }

  @Test
  void readAndInterfaceTogetherIsUsageError() {
    Cli.Run r = Cli.run("agent", "--read", "x.pcap", "--interface", "eth0");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("mutually exclusive");
  }

  @Test
  void agentWithoutSourceNamesTheOptions() {
    Cli.Run r = Cli.run("agent", "--logs", dir.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--read FILE or --interface NAME");
  }

  @Test
  void missingCaptureFileIsNamed() {
    Cli.Run r = Cli.run("agent", "--read", dir.resolve("nope.pcap").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--read: no such file").contains("nope.pcap");
  }

  @Test
  void badConfigValueExitsTwoNamingTheKey() throws Exception {
    Path cfg = dir.resolve("agent.yaml");
    Files.writeString(cfg, "capture:\n  snaplen: 10\n");
    Path pcap = dir.resolve("empty.pcap");
    Files.writeString(pcap, "");
    Cli.Run r = Cli.run("agent", "--config", cfg.toString(), "--read", pcap.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("capture.snaplen: must be 64..262144, got 10");
  }

  @Test
  void unknownConfigKeyExitsTwoNamingItsPath() throws Exception {
    Path cfg = dir.resolve("agent.yaml");
    Files.writeString(cfg, "capture:\n  snaplenn: 1500\n");
    Path pcap = dir.resolve("empty.pcap");
    Files.writeString(pcap, "");
    Cli.Run r = Cli.run("agent", "--config", cfg.toString(), "--read", pcap.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("capture.snaplenn");
  }

  @Test
  void badSensorFlagExitsTwo() throws Exception {
    Path pcap = dir.resolve("x.pcap");
    Files.writeString(pcap, "");
    Cli.Run r = Cli.run("agent", "--sensor", "a/b", "--read", pcap.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("sensor: must be 1-64 characters");
  }

  @Test
  void collectorBadAddressExitsTwo() {
    Cli.Run r = Cli.run("collector", "--http", "nonsense");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--http");
  }

  @Test
  void collectorBrokerAndListenTogetherExitsTwo() {
    Cli.Run r = Cli.run("collector", "--broker", "tcp://127.0.0.1:1883", "--mqtt-listen", "127.0.0.1:0");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--broker");
  }

  @Test
  void collectorOpenBrokerWithoutAuthenticationExitsTwo() {
    Cli.Run r = Cli.run("collector", "--mqtt-listen", "0.0.0.0:0", "--http", "127.0.0.1:0");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("requires authentication");
  }
}
