package io.peerscope.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.app.it.NetNs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's live drop test as an integration test: tcpreplay sends the dns workload onto a veth
 * at 20,000 packets/s for fifteen seconds while the agent, with its default configuration, captures
 * live on the far end in a namespace of its own. 300,000 frames are more than the default 16 MiB
 * capture buffer holds, so passing means the agent kept up with the rate, not that the buffer
 * swallowed the burst. The rate keeps a wide margin on a 2-core machine where tcpreplay takes one
 * core and other work may run beside the suite: 50,000/s dropped 12% with both cores overloaded,
 * 100,000/s dropped nothing on a quiet machine, 200,000/s (which tcpreplay alone does not quite
 * reach) dropped 1-4%. {@code peerscope bench --live} measures higher rates and reports what was
 * sent and lost.
 */
@Tag("system")
class LiveDropTest {
  private static final int RATE = 20_000;
  private static final long PACKETS = 300_000;

  @TempDir Path dir;

  @Test
  void theAgentSeesEveryPacketReplayedOntoAVethAtTwentyThousandPerSecond() throws Exception {
    NetNs.requireRoot();
    NetNs.requireBinary("ip", "iproute2");
    NetNs.requireBinary("tcpreplay", "tcpreplay");
    Path file = Workloads.ensure(dir, "dns", PACKETS, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    LiveResult r = LiveDropBench.measure(file, RATE, LiveCaptureRun.AGENT);

    ByteArrayOutputStream table = new ByteArrayOutputStream();
    LiveDropBench.print(new PrintStream(table, true, StandardCharsets.UTF_8), PACKETS, List.of(r));
    String said = table.toString(StandardCharsets.UTF_8);
    assertThat(r.sent()).as(said).isEqualTo(PACKETS);
    assertThat(r.droppedByKernel()).as(said).isZero();
    assertThat(r.droppedByInterface()).as(said).isZero();
    assertThat(r.seen()).as(said).isEqualTo(PACKETS);
    assertThat(r.missing()).as(said).isZero();
    assertThat(r.dnsTransactions()).as(said).isEqualTo(PACKETS / 2);
    assertThat(ipNetnsList()).as("namespaces left behind").doesNotContain("psqb-");
  }

  private static String ipNetnsList() {
    return Commands.run(Duration.ofSeconds(10), "ip", "netns", "list").output();
  }
}
