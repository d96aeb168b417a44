package io.peerscope.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerscope.agent.config.AgentConfig;
import io.peerscope.agent.config.AgentConfigLoader;
import io.peerscope.agent.decode.IpAddress;
import io.peerscope.agent.synth.DnsWire;
import io.peerscope.agent.synth.FrameBuilder;
import io.peerscope.agent.synth.PcapWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Type;

/**
 * The caps an operator writes in agent.yaml are the ones the agent's tables keep: a flood of
 * unanswered queries and of fragments that never complete, replayed by the whole agent, is held
 * at {@code limits.dns.max_pending} and {@code limits.fragments.max_datagrams}, and every entry
 * pushed out is counted.
 */
class ConfiguredCapsTest {
  static final long T0 = 1_462_176_000_000_000L; // 2016-05-02T08:00:00Z
  static final IpAddress RESOLVER = IpAddress.parse("198.51.100.53");
  static final int QUERIES = 5_000;
  static final int FRAGMENTS = 1_000;
  static final int MAX_PENDING = 500;
  static final int MAX_DATAGRAMS = 32;

  @TempDir Path dir;

  @Test
  void floodsStayAtTheCapsOfTheConfigurationFile() throws Exception {
    Path pcap = dir.resolve("flood-of-unanswered-queries-and-first-fragments.pcap");
    try (PcapWriter w = PcapWriter.create(pcap)) {
      for (int i = 0; i < QUERIES; i++) {
        IpAddress src = IpAddress.ofV4(0xc0000200 | (i & 0xff));
        // all within half a second: neither queries nor fragments time out, only the caps hold
        w.write(T0 + i * 50L, FrameBuilder.udp(src, 1024 + i, RESOLVER, 53,
            DnsWire.query(i & 0xffff, "r" + i + ".flood.example", Type.A)));
      }
      byte[] half = new byte[800];
      for (int id = 0; id < FRAGMENTS; id++) {
        // first fragments of datagrams whose rest never comes, each with its own IP id
        w.write(T0 + QUERIES * 50L + id * 50L, FrameBuilder.ethernet(FrameBuilder.ipv4(
            IpAddress.parse("192.0.2.7"), RESOLVER, FrameBuilder.PROTO_UDP, id, 0, true, half, 0, half.length)));
      }
    }
    Path yaml = dir.resolve("agent.yaml");
    Files.writeString(yaml, "sensor: caps\n"
        + "limits:\n"
        + "  dns:\n"
        + "    max_pending: " + MAX_PENDING + "\n"
        + "  fragments:\n"
        + "    max_datagrams: " + MAX_DATAGRAMS + "\n");
    AgentConfig config = new AgentConfigLoader().load(yaml);

    AgentReport report;
    try (Agent agent = Agent.forFile(config, pcap)) {
      report = agent.run();
    }
    assertThat(report.counter("dns.queries")).isEqualTo(QUERIES);
    // evictions start only once the table holds max_pending queries: the cap from the file held
    assertThat(report.counter("dns.pending_evicted")).isEqualTo(QUERIES - MAX_PENDING);
    assertThat(report.counter("dns.unanswered")).isEqualTo(QUERIES);
    assertThat(report.counter("decode.fragments_evicted")).isEqualTo(FRAGMENTS - MAX_DATAGRAMS);
  }
}
